// The three clients of the call-cost benchmark and how they are timed, shared by the browser page
// (bench.js) and the Node run (../node.mjs). Each client lists the shopper's carts with an
// implicit access token plus the customer token.

// raw `fetch`'s request: its address and the headers our package sends (the official SDK sends
// the same names), with an implicit access token fetched for it, so that the ceiling is the same
// request with no SDK around it. `fetch` in a config is the function to call instead of the
// global one (bench/instructions.mjs).
export async function rawRequest({ emulator, clientId, customerToken, fetch = globalThis.fetch }) {
  const auth = await fetch(`${emulator}/oauth/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `grant_type=implicit&client_id=${encodeURIComponent(clientId)}`,
  });
  const { access_token } = await auth.json();
  const headers = {
    'X-MOLTIN-SDK-LANGUAGE': 'epcc-carts',
    'X-MOLTIN-SDK-VERSION': '0.1.0',
    'Content-Type': 'application/json',
    Authorization: `Bearer ${access_token}`,
    'X-MOLTIN-APPLICATION': 'epcc sdk',
    'X-MOLTIN-CUSTOMER-TOKEN': customerToken,
  };
  return { url: `${emulator}/v2/carts`, headers };
}

export async function rawClient(config) {
  const { fetch = globalThis.fetch } = config;
  const { url, headers } = await rawRequest(config);
  return async () => {
    const response = await fetch(url, { headers });
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

/**
 * The order in which the clients take their turn in `round`: the starting one rotates, and
 * every other round runs in reverse, so no client always inherits what the same neighbour left.
 * With three clients each follows each of the others equally often; with more, a client
 * follows only the two beside it in the list (copies added to see the harness's spread are
 * best listed apart from their originals).
 */
export function turnOrder(names, round) {
  const rotated = names.map((_, i) => names[(i + (round >> 1)) % names.length]);
  return round % 2 ? rotated.reverse() : rotated;
}

/**
 * Rounds in which every client makes `sequential` calls one after the other, each timed, then
 * `batches` batches of `width` calls at once, each batch timed; `between` runs after each round.
 * Short rounds interleave the clients finely, so that the load of a shared machine falls on all
 * of them alike. A client's sequential figure is the rate of its typical call, the mean of the
 * middle half of its calls, and its concurrent one that of its typical batch: a burst of load or
 * a garbage collection slows the few calls of whichever client runs then, which this leaves out
 * of every client's figure alike. (The median of whole rounds moved with how many such calls
 * each round caught; a median call moves in steps of the page's timer, 0.1 ms in Chromium.)
 */
export async function callCost(clients, { sequential: count, width, batches, rounds }, between = async () => {}) {
  const names = Object.keys(clients);
  const times = Object.fromEntries(names.map(n => [n, { seq: [], con: [] }]));
  for (let round = 0; round < rounds; round++) {
    const order = turnOrder(names, round);
    for (const name of order) {
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        check(await clients[name]());
        times[name].seq.push(performance.now() - t0);
      }
    }
    for (const name of order) {
      for (let b = 0; b < batches; b++) {
        const t0 = performance.now();
        (await Promise.all(Array.from({ length: width }, clients[name]))).forEach(check);
        times[name].con.push(performance.now() - t0);
      }
    }
    await between(round);
  }
  return Object.fromEntries(Object.entries(times).map(([n, t]) => [n, {
    sequential: 1000 / middleMean(t.seq),
    concurrent: (width * 1000) / middleMean(t.con),
  }]));
}

/** The mean of the middle half of `xs`: a typical value, the fastest and slowest quarters left out. */
export function middleMean(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = sorted.slice(sorted.length >> 2, sorted.length - (sorted.length >> 2));
  return middle.reduce((sum, x) => sum + x, 0) / middle.length;
}
