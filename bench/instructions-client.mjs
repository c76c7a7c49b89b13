// One client of bench/instructions.mjs and bench/footprint.mjs, run under valgrind: `count`
// GetCartsList calls of `which` (raw, official, ours, or before: the build in EPCC_BEFORE),
// against the release emulator (`emulator`) or through a fetch that answers at once with canned
// bodies (`instant`: what the SDK does around fetch, and nothing else; EPCC_BENCH_CONFIG may then
// be left out). With `sweep` (bytes), each call comes after a pass that writes a buffer of that
// size, pushing the call before out of the caches.
import { importPackage, importTool } from './lib.mjs';
import { cannedBodies, check, rawClient, sdkClient } from './www/clients.js';
import { CUSTOMER_TOKEN, cacheSweeper } from './www/overhead.js';

const [which, where, count, sweep = '0'] = process.argv.slice(2);
// With `instant`, the address is only written into the requests: the fetch answers them itself.
const config = process.env.EPCC_BENCH_CONFIG ? JSON.parse(process.env.EPCC_BENCH_CONFIG)
  : where === 'instant' ? { emulator: 'http://127.0.0.1:9', clientId: 'instant', customerToken: CUSTOMER_TOKEN }
    : undefined;
if (!config) throw new Error('EPCC_BENCH_CONFIG is needed against the emulator');

if (where === 'instant') {
  const { token, carts } = cannedBodies();
  const answer = body => ({
    status: 200, ok: true, headers: { get: () => null },
    text: () => Promise.resolve(body), json: () => Promise.resolve(JSON.parse(body)),
  });
  const answers = { token: answer(token), carts: answer(carts) };
  config.fetch = url => Promise.resolve(String(url).includes('/oauth/') ? answers.token : answers.carts);
}
const module = which === 'raw' ? null
  : which === 'official' ? await importTool('@moltin/sdk') : await importPackage(which === 'before' ? process.env.EPCC_BEFORE : undefined);
const call = module ? sdkClient(module, config) : await rawClient(config);
const sweepCaches = cacheSweeper(Number(sweep));
// Swept calls are few (each sweep costs valgrind millions of instructions): 2,000 calls first
// let the JIT finish its work before them.
if (Number(sweep) > 0) for (let i = 0; i < 2000; i++) check(await call());
for (let i = 0; i < Number(count); i++) {
  sweepCaches();
  check(await call());
}
