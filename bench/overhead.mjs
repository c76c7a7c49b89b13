// What a call costs the CPU with no network at all: raw fetch + json(), the official SDK and ours,
// each calling a `custom_fetch` that answers at once (a canned token and carts list). 3,000
// sequential GetCartsList calls per client and round, 7 rounds, clients in turn; prints µs per
// call for each round. `node bench/overhead.mjs` after a build (pkg/node.js);
// EPCC_BEFORE=<directory of another build of the package> adds that build, and the median of its
// round-by-round ratio to ours.
import { importPackage, importTool, median } from './lib.mjs';
import { cannedBodies } from './www/clients.js';

const CALLS = 3000;
const ROUNDS = 7;

const ours = await importPackage();
const official = await importTool('@moltin/sdk');
const { token, carts } = cannedBodies();
const instantFetch = async url => new Response(String(url).includes('oauth') ? token : carts, { status: 200 });

const raw = async () => {
  const response = await instantFetch('http://x.test/v2/carts', {
    headers: { Authorization: 'Bearer tok', 'X-MOLTIN-CUSTOMER-TOKEN': 'ct' },
  });
  return response.json();
};
const sdk = module => {
  const EPCC = module.gateway({
    client_id: 'cid', host: 'x.test', custom_fetch: instantFetch, storage: new module.MemoryStorageFactory(),
  });
  return () => EPCC.Cart().GetCartsList('ct');
};
const clients = { raw, official: sdk(official), ours: sdk(ours) };
if (process.env.EPCC_BEFORE) clients.before = sdk(await importPackage(process.env.EPCC_BEFORE));
for (const call of Object.values(clients)) for (let i = 0; i < 300; i++) await call();
const perCall = Object.fromEntries(Object.keys(clients).map(name => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, call] of Object.entries(clients)) {
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i++) await call();
    perCall[name].push(((performance.now() - t0) * 1000) / CALLS);
  }
}
for (const [name, xs] of Object.entries(perCall)) {
  console.log(`${name.padEnd(9)} median ${median(xs).toFixed(1)} µs a call (rounds: ${xs.map(x => x.toFixed(1)).join(' ')})`);
}
// Rounds next to each other share the machine's load: their ratio is steadier than either.
if (perCall.before) console.log(`ours/before, median of the rounds' ratios: ${median(perCall.ours.map((x, i) => x / perCall.before[i])).toFixed(2)}`);
