// The three clients of the call-cost benchmark and how they are timed, shared by the browser page
// (bench.js) and the Node run (../node.mjs). Each client lists the shopper's carts with an
// implicit access token plus the customer token.

// `fetch` in a config is the function to call instead of the global one (bench/instructions.mjs).
export async function rawClient({ emulator, clientId, customerToken, fetch = globalThis.fetch }) {
  const auth = await fetch(`${emulator}/oauth/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `grant_type=implicit&client_id=${encodeURIComponent(clientId)}`,
  });
  const { access_token } = await auth.json();
  // The headers our package sends (the official SDK sends the same names), so that the ceiling
  // is the same request with no SDK around it.
  const headers = {
    'X-MOLTIN-SDK-LANGUAGE': 'epcc-carts',
    'X-MOLTIN-SDK-VERSION': '0.1.0',
    'Content-Type': 'application/json',
    Authorization: `Bearer ${access_token}`,
    'X-MOLTIN-APPLICATION': 'epcc sdk',
    'X-MOLTIN-CUSTOMER-TOKEN': customerToken,
  };
  return async () => {
    const response = await fetch(`${emulator}/v2/carts`, { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  };
}

export function sdkClient(module, { emulator, clientId, customerToken, fetch }) {
  const EPCC = module.gateway({
    client_id: clientId,
    host: new URL(emulator).host,
    protocol: 'http',
    storage: new module.MemoryStorageFactory(),
    ...(fetch && { custom_fetch: fetch }),
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

/**
 * The bodies a fetch that answers at once returns (bench/overhead.mjs, bench/instructions.mjs):
 * a token response for URLs under /oauth/, a list of one cart for any other.
 */
export function cannedBodies() {
  return {
    token: JSON.stringify({
      access_token: 'tok', expires: Math.floor(Date.now() / 1000) + 3600, expires_in: 3600,
      identifier: 'implicit', token_type: 'Bearer',
    }),
    carts: JSON.stringify({ data: [{ type: 'cart', id: 'c1', name: 'x' }], links: {}, meta: { page: { current: 1 } } }),
  };
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
 * The order in which the clients take their turn in `round`: the starting one rotates, and
 * every other round runs in reverse, so each client follows every other one equally often and
 * none always inherits what the same neighbour left.
 */
export function turnOrder(names, round) {
  const rotated = names.map((_, i) => names[(i + (round >> 1)) % names.length]);
  return round % 2 ? rotated.reverse() : rotated;
}

/**
 * Rounds in which every client makes `sequential` calls, then `batches` × `width` concurrent
 * ones; `between` runs after each round. A client is a call, or a runner of its own
 * (`{ sequential(count), concurrent(width, batches) }`, each resolving with milliseconds: the
 * Node run's clients in worker threads). Short rounds interleave the clients finely, so that
 * the load of a shared machine falls on all of them alike, and each client's figure is its
 * median round (a burst of load slows a few rounds of every client, not one client's share).
 */
export async function callCost(clients, { sequential: count, width, batches, rounds }, between = async () => {}) {
  const names = Object.keys(clients);
  const runners = Object.fromEntries(Object.entries(clients).map(([name, client]) => [name, typeof client === 'function'
    ? { sequential: n => sequential(client, n), concurrent: (w, b) => concurrent(client, w, b) }
    : client]));
  const times = Object.fromEntries(names.map(n => [n, { seq: [], con: [] }]));
  for (let round = 0; round < rounds; round++) {
    const order = turnOrder(names, round);
    for (const name of order) times[name].seq.push(await runners[name].sequential(count));
    for (const name of order) times[name].con.push(await runners[name].concurrent(width, batches));
    await between(round);
  }
  const median = xs => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  return Object.fromEntries(Object.entries(times).map(([n, t]) => [n, {
    sequential: (count / median(t.seq)) * 1000,
    concurrent: ((width * batches) / median(t.con)) * 1000,
  }]));
}
