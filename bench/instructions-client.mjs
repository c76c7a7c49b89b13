// One client of bench/instructions.mjs, run under valgrind: `count` GetCartsList calls of
// `which` (raw, official, ours, or before: the build in EPCC_BEFORE), against the release
// emulator (`emulator`) or through a fetch that answers at once with canned bodies (`instant`:
// what the SDK does around fetch, and nothing else).
import { importPackage, importTool } from './lib.mjs';
import { cannedBodies, check, rawClient, sdkClient } from './www/clients.js';

const [which, where, count] = process.argv.slice(2);
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
for (let i = 0; i < Number(count); i++) check(await call());
