// One client of bench/instructions.mjs and bench/footprint.mjs, run under valgrind: `count`
// GetCartsList calls of `which` (raw, official, ours, or before: the build in EPCC_BEFORE),
// against the release emulator (`emulator`) or through a fetch that answers at once with canned
// bodies (`instant`: what the SDK does around fetch, and nothing else). With `sweep` (bytes),
// each call comes after a pass that writes a buffer of that size, pushing the call before out of
// the caches.
import { importPackage, importTool } from './lib.mjs';
import { cannedBodies, check, rawClient, sdkClient } from './www/clients.js';

const [which, where, count, sweep = '0'] = process.argv.slice(2);
const config = JSON.parse(process.env.EPCC_BENCH_CONFIG);

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
const buffer = new Int32Array(Number(sweep) >> 2);
// One write per 64-byte cache line; a function of its own, compiled the same way whichever
// client runs.
const sweepCaches = () => {
  for (let at = 0; at < buffer.length; at += 16) buffer[at]++;
};
// Swept calls are few (each sweep costs valgrind millions of instructions): 2,000 calls first
// let the JIT finish its work before them.
if (buffer.length) for (let i = 0; i < 2000; i++) check(await call());
for (let i = 0; i < Number(count); i++) {
  sweepCaches();
  check(await call());
}
