// What a GetCartsList call costs with no network at all, shared by Node and the browser page
// (bench/overhead.mjs, bench/profile.mjs): raw fetch + json(), then each SDK module given, every
// one calling a fetch that answers at once with a real Response (a canned token, a list of one
// cart), with a customer token as long as a real one.

import { cannedBodies } from './clients.js';

// A customer token of the length the API issues (a JWT of about 250 characters).
const CUSTOMER_TOKEN = `eyJhbGciOiJIUzI1NiJ9.${'x'.repeat(227)}`;

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

/** `calls` sequential calls per client and round, the clients in turn: each one's µs a call, round by round. */
export async function measureOverhead(clients, { calls = 3000, rounds = 7 } = {}) {
  const perCall = Object.fromEntries(Object.keys(clients).map(name => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, call] of Object.entries(clients)) {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) await call();
      perCall[name].push(((performance.now() - t0) * 1000) / calls);
    }
  }
  return perCall;
}
