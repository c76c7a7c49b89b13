// Shared by the benchmark sections: the npm tools (installed in tests/js), the emulator's
// admin and API calls, and small statistics helpers.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { emulatorClient } from '../tests/js/lib/emulator.mjs';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
const requireFromTests = createRequire(`${REPO}tests/js/package.json`);
/** Imports a package installed in tests/js/node_modules. */
export const importTool = name => import(pathToFileURL(requireFromTests.resolve(name)).href);
export const toolVersion = name => requireFromTests(`${name}/package.json`).version;
export const toolPath = relative => requireFromTests.resolve(relative);
/**
 * Imports the package's Node entry from a build directory: pkg/, or another build's; with
 * `copy`, a new instance of it (its own module and memory) under that name.
 */
export const importPackage = (dir = `${REPO}pkg`, copy = undefined) =>
  import(`${pathToFileURL(`${dir}/node.js`).href}${copy ? `?${copy}` : ''}`);

export const EMULATOR_URL = process.env.EPCC_EMULATOR_URL;
export const CLIENT_ID = process.env.EPCC_CLIENT_ID;
export const CLIENT_SECRET = process.env.EPCC_CLIENT_SECRET;

const emulator = emulatorClient(EMULATOR_URL, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
export const { api: call, reset: resetStore, clearJournal, journal, adminToken } = emulator;

/** An empty store plus one customer (id, customer token) owning `carts` carts. */
export async function shopperStore(carts) {
  await resetStore();
  const token = await adminToken();
  const email = 'bench@example.com';
  const password = 'bench-password';
  const { data: customer } = await call('POST', '/v2/customers', {
    token,
    body: { data: { type: 'customer', name: 'Bench Shopper', email, password } },
  });
  const { data: customerToken } = await call('POST', '/v2/customers/tokens', {
    token,
    body: { data: { type: 'token', authentication_mechanism: 'password', email, password } },
  });
  for (let i = 0; i < carts; i++) {
    const id = `bench-cart-${i}`;
    await call('POST', '/v2/carts', { token, body: { data: { id, name: `Bench cart ${i}` } } });
    await call('POST', `/v2/carts/${id}/relationships/customers`, {
      token,
      body: { data: [{ type: 'customer', id: customer.id }] },
    });
  }
  await clearJournal();
  return { adminToken: token, customerId: customer.id, customerToken: customerToken.token };
}

export const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
