// The three clients of the call-cost benchmark and how they are timed, shared by the browser page
// (bench.js) and the Node run (../node.mjs). Each client lists the shopper's carts with an
// implicit access token plus the customer token.

export async function rawClient({ emulator, clientId, customerToken }) {
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

export function sdkClient(module, { emulator, clientId, customerToken }) {
  const EPCC = module.gateway({
    client_id: clientId,
    host: new URL(emulator).host,
    protocol: 'http',
    storage: new module.MemoryStorageFactory(),
  });
  return () => EPCC.Cart().GetCartsList(customerToken);
}

/** The three clients, each warmed up (token, preflight cache, JIT). */
export async function setupClients(official, ours, config) {
  const clients = {
    raw: await rawClient(config),
    official: sdkClient(official, config),
    ours: sdkClient(ours, config),
  };
  for (const call of Object.values(clients)) for (let i = 0; i < 20; i++) check(await call());
  return clients;
}

export const check = result => {
  if (!Array.isArray(result?.data)) throw new Error(`unexpected result ${JSON.stringify(result).slice(0, 200)}`);
};

/** `count` calls one after the other; milliseconds. */
export async function sequential(call, count) {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) check(await call());
  return performance.now() - t0;
}

/** `batches` rounds of `width` calls at once; milliseconds. */
export async function concurrent(call, width, batches) {
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) (await Promise.all(Array.from({ length: width }, call))).forEach(check);
  return performance.now() - t0;
}

/**
 * Rounds in which every client makes `sequential` calls, then `batches` × `width` concurrent
 * ones, the starting client rotating each round. `between` runs after each round. ops/s.
 */
export async function callCost(clients, { sequential: count, width, batches, rounds }, between = async () => {}) {
  const names = Object.keys(clients);
  const totals = Object.fromEntries(names.map(n => [n, { seqMs: 0, seqCalls: 0, conMs: 0, conCalls: 0 }]));
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      totals[name].seqMs += await sequential(clients[name], count);
      totals[name].seqCalls += count;
    }
    for (const name of order) {
      totals[name].conMs += await concurrent(clients[name], width, batches);
      totals[name].conCalls += width * batches;
    }
    await between();
  }
  return Object.fromEntries(Object.entries(totals).map(([n, t]) => [n, {
    sequential: (t.seqCalls / t.seqMs) * 1000,
    concurrent: (t.conCalls / t.conMs) * 1000,
  }]));
}
