// Runs inside headless Chromium. The three clients (clients.js) make the same call: list the
// shopper's carts with an implicit access token plus the customer token.
import { callCost, check, sdkClient, setupClients } from './clients.js';

const OURS = '/ours/index.js';
const OFFICIAL = '/official/official.js';

let clients;

/** Loads the three clients and warms each up. */
window.setup = async config => {
  const [official, ours] = await Promise.all([import(OFFICIAL), import(OURS)]);
  clients = await setupClients(official, ours, config);
  return Object.keys(clients);
};

window.callCost = settings => callCost(clients, settings);

/** In a fresh page: module import, then the first call (token request included); milliseconds. */
window.coldStart = async (which, config) => {
  const t0 = performance.now();
  const module = await import(which === 'ours' ? OURS : OFFICIAL);
  const t1 = performance.now();
  check(await sdkClient(module, config)());
  const t2 = performance.now();
  return { load: t1 - t0, firstCall: t2 - t0 };
};

/** `count` first calls at once on a new gateway (implicit token, no customer token). */
window.fanOut = async (which, config, count) => {
  const module = await import(which === 'ours' ? OURS : OFFICIAL);
  const EPCC = module.gateway({
    client_id: config.clientId,
    host: new URL(config.emulator).host,
    protocol: 'http',
    storage: new module.MemoryStorageFactory(),
  });
  const t0 = performance.now();
  const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => EPCC.Cart(`fan-out-${i}`).Get()));
  const failed = results.filter(r => r.status === 'rejected').length;
  return { ms: performance.now() - t0, failed };
};
