// The three SDKs under comparison, and how a scenario runs through one of them.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { CLIENT_ID, CLIENT_SECRET, HOST } from '../lib/env.mjs';
import { journal, prepareStore } from './emulator.mjs';
import { CART_ID } from './scenarios.mjs';
import { normalize } from './compare.mjs';

/** Our package as installed from its tarball in EPCC_APP_DIR (resolved like `import 'epcc-carts'` there). */
async function importOurs() {
  const appDir = process.env.EPCC_APP_DIR;
  if (!appDir) throw new Error('EPCC_APP_DIR is not set: run the suite through scripts/test-conformance.sh');
  const resolved = createRequire(`${appDir}/package.json`).resolve('epcc-carts');
  return import(pathToFileURL(resolved).href);
}

export async function loadSdks() {
  return [
    { name: '@moltin/sdk', official: true, module: await import('@moltin/sdk') },
    { name: '@elasticpath/js-sdk', official: true, module: await import('@elasticpath/js-sdk') },
    { name: 'epcc-carts', official: false, module: await importOurs() },
  ];
}

// The official SDKs log "Token status: ..." through console.info before authenticating.
async function quietly(fn) {
  const info = console.info;
  console.info = () => {};
  try {
    return await fn();
  } finally {
    console.info = info;
  }
}

const settle = promise => Promise.resolve(promise).then(value => ({ value }), error => ({ error }));

/**
 * Runs `scenario` through `sdk` on a freshly prepared store and returns the requests it sent,
 * normalized for comparison. Every gateway gets the same config: memory storage from its own
 * package (the official default in Node writes ./localStorage to disk), the emulator's host, http.
 */
export async function runScenario(sdk, scenario) {
  const ctx = await prepareStore({
    cartId: scenario.cart ? CART_ID : undefined,
    associate: scenario.cart === 'associated',
    faults: scenario.faults,
    prepare: scenario.prepare,
  });
  const { gateway, MemoryStorageFactory } = sdk.module;
  const config = {
    client_id: CLIENT_ID,
    ...(scenario.gateway === 'admin' ? { client_secret: CLIENT_SECRET } : {}),
    host: HOST,
    protocol: 'http',
    storage: new MemoryStorageFactory(),
    ...scenario.config,
  };
  await quietly(async () => {
    const EPCC = gateway(config);
    // The gateway's own cart id is random: map it to a placeholder too.
    ctx.gatewayCartId = EPCC.cartId;
    await scenario.run(EPCC, ctx, settle);
  });
  const accessTokens = new Map();
  return (await journal()).map(entry => normalize(entry, ctx, accessTokens));
}
