// What a GetCartsList call costs with no network at all, shared by Node and the browser page
// (bench/overhead.mjs, bench/profile.mjs): raw fetch + json(), then each SDK module given, every
// one calling a fetch that answers at once with a real Response (a canned token, a list of one
// cart), with a customer token as long as a real one.

import { cannedBodies, middleMean } from './clients.js';

// A customer token of the length the API issues (a JWT of about 250 characters).
export const CUSTOMER_TOKEN = `eyJhbGciOiJIUzI1NiJ9.${'x'.repeat(227)}`;

/** The clients, by name (`raw` and the keys of `modules`), each warmed up. */
export async function overheadClients(modules) {
  const { token, carts } = cannedBodies();
  const instantFetch = async url => new Response(String(url).includes('oauth') ? token : carts, { status: 200 });
  const raw = async () => {
    const response = await instantFetch('http://x.test/v2/carts', {
      headers: { Authorization: 'Bearer tok', 'X-MOLTIN-CUSTOMER-TOKEN': CUSTOMER_TOKEN },
    });
    return response.json();
  };
  const sdk = module => {
    const EPCC = module.gateway({
      client_id: 'cid', host: 'x.test', custom_fetch: instantFetch, storage: new module.MemoryStorageFactory(),
    });
    return () => EPCC.Cart().GetCartsList(CUSTOMER_TOKEN);
  };
  const clients = { raw, ...Object.fromEntries(Object.entries(modules).map(([name, module]) => [name, sdk(module)])) };
  for (const call of Object.values(clients)) for (let i = 0; i < 300; i++) await call();
  return clients;
}

/**
 * `calls` sequential calls per client and round, the clients in turn: each one's µs a call, round
 * by round. With `sweep` (bytes), every call is timed alone after an untimed pass that writes a
 * buffer of that size, which pushes the code and data of the call before out of the CPU's
 * caches, as a real call's network wait and the work of other processes do; each round's figure
 * is then the mean of the middle half of its calls.
 */
export async function measureOverhead(clients, { calls = 3000, rounds = 7, sweep = 0 } = {}) {
  const perCall = Object.fromEntries(Object.keys(clients).map(name => [name, []]));
  const sweepCaches = cacheSweeper(sweep);
  for (let round = 0; round < rounds; round++) {
    for (const [name, call] of Object.entries(clients)) {
      if (!sweep) {
        const t0 = performance.now();
        for (let i = 0; i < calls; i++) await call();
        perCall[name].push(((performance.now() - t0) * 1000) / calls);
        continue;
      }
      const times = [];
      for (let i = 0; i < calls; i++) {
        sweepCaches();
        const t0 = performance.now();
        await call();
        times.push(performance.now() - t0);
      }
      perCall[name].push(middleMean(times) * 1000);
    }
  }
  return perCall;
}

/**
 * A function that writes through a buffer of `bytes` of its own, one write per 64-byte cache
 * line, pushing out of the CPU's caches the code and data of whatever ran before it.
 */
export function cacheSweeper(bytes) {
  const buffer = new Int32Array(bytes >> 2);
  return () => {
    for (let at = 0; at < buffer.length; at += 16) buffer[at]++;
  };
}
