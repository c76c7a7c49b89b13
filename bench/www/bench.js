// Runs inside headless Chromium. The three clients make the same call: list the shopper's carts
// with an implicit access token plus the customer token.
const OURS = '/ours/index.js';
const OFFICIAL = '/official/official.js';

let clients;

async function rawClient({ emulator, clientId, customerToken }) {
  const auth = await fetch(`${emulator}/oauth/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `grant_type=implicit&client_id=${encodeURIComponent(clientId)}`,
  });
  const { access_token } = await auth.json();
  const headers = {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${access_token}`,
    'X-MOLTIN-CUSTOMER-TOKEN': customerToken,
  };
  return async () => {
    const response = await fetch(`${emulator}/v2/carts`, { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  };
}

function sdkClient(module, { emulator, clientId, customerToken }) {
  const EPCC = module.gateway({
    client_id: clientId,
    host: new URL(emulator).host,
    protocol: 'http',
    storage: new module.MemoryStorageFactory(),
  });
  return () => EPCC.Cart().GetCartsList(customerToken);
}

/** Loads the three clients and warms each up (token, preflight cache, JIT). */
window.setup = async config => {
  const [official, ours] = await Promise.all([import(OFFICIAL), import(OURS)]);
  clients = {
    raw: await rawClient(config),
    official: sdkClient(official, config),
    ours: sdkClient(ours, config),
  };
  for (const call of Object.values(clients)) for (let i = 0; i < 20; i++) await call();
  return Object.keys(clients);
};

const check = result => {
  if (!Array.isArray(result?.data)) throw new Error(`unexpected result ${JSON.stringify(result).slice(0, 200)}`);
};

/** `count` calls one after the other; milliseconds. */
window.sequential = async (name, count) => {
  const call = clients[name];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) check(await call());
  return performance.now() - t0;
};

/** `batches` rounds of `width` calls at once; milliseconds. */
window.concurrent = async (name, width, batches) => {
  const call = clients[name];
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) (await Promise.all(Array.from({ length: width }, call))).forEach(check);
  return performance.now() - t0;
};

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
