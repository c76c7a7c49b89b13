// What a call costs the CPU with no network at all (bench/www/overhead.js): raw fetch + json(),
// the official SDK and ours, each calling a `custom_fetch` that answers at once, 3,000 sequential
// GetCartsList calls per client and round, 7 rounds, clients in turn; in Node 20, then in a
// headless Chromium page (cross-origin isolated, for timers of a few microseconds). Prints µs a
// call for each round. `node bench/overhead.mjs` after a build (pkg/);
// EPCC_BEFORE=<directory of another build of the package> adds that build, and the median of its
// round-by-round ratio to ours. `node bench/overhead.mjs cold` times each call alone after
// sweeping 8 MiB through the CPU's caches (more than this machine's 2 MiB of L2 a core), 600
// calls per client and round: the same work, started from cold caches as in a real call.
import { withIsolatedPages } from './browser.mjs';
import { importPackage, importTool, median } from './lib.mjs';
import { measureOverhead, overheadClients } from './www/overhead.js';

const before = process.env.EPCC_BEFORE;

const report = (where, perCall) => {
  console.log(`\n${where}`);
  for (const [name, xs] of Object.entries(perCall)) {
    console.log(`${name.padEnd(9)} median ${median(xs).toFixed(1)} µs a call (rounds: ${xs.map(x => x.toFixed(1)).join(' ')})`);
  }
  // Rounds next to each other share the machine's load: their ratio is steadier than either.
  const ratio = (a, b) => median(perCall[a].map((x, i) => x / perCall[b][i])).toFixed(2);
  console.log(`ours/official, median of the rounds' ratios: ${ratio('ours', 'official')}`);
  if (before) console.log(`ours/before, median of the rounds' ratios: ${ratio('ours', 'before')}`);
};

const cold = process.argv[2] === 'cold';
const settings = cold ? { calls: 600, rounds: 7, sweep: 8 << 20 } : {};
if (cold) console.log('each call after 8 MiB swept through the caches; µs a call, the mean of the middle half of each round');

const modules = { official: await importTool('@moltin/sdk'), ours: await importPackage() };
if (before) modules.before = await importPackage(before);
report('Node 20', await measureOverhead(await overheadClients(modules), settings));

report('headless Chromium', await withIsolatedPages(before, async openPage => (await openPage()).evaluate(async ([withBefore, settings]) => {
  const { measureOverhead, overheadClients } = await import('/overhead.js');
  const modules = { official: await import('/official/official.js'), ours: await import('/ours/index.js') };
  if (withBefore) modules.before = await import('/before/index.js');
  return measureOverhead(await overheadClients(modules), settings);
}, [Boolean(before), settings])));
