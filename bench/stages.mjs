// Where a GetCartsList call's time goes, stage by stage (bench/www/stages.js), in Node 20 and in
// headless Chromium, for raw fetch, the official SDK and ours, against the release emulator; with
// EPCC_BEFORE=<directory of another build of the package>, that build too, side by side.
// Then ours in Node as a timeline of its crossings into JavaScript (bench/timeline.mjs).
// Started by scripts/stages.sh, which provides the emulator. Prints three Markdown tables.
import { CLIENT_ID, EMULATOR_URL, REPO, importPackage, importTool, shopperStore } from './lib.mjs';
import { withIsolatedPages } from './browser.mjs';
import { printTimeline } from './timeline.mjs';
import { STAGES, measureStages } from './www/stages.js';

const ROUNDS = 60;
const before = process.env.EPCC_BEFORE;
const store = await shopperStore(5);
const config = { emulator: EMULATOR_URL, clientId: CLIENT_ID, customerToken: store.customerToken };

const table = (where, results) => {
  console.log(`\n${where} (µs, median of ${ROUNDS * 10} calls each)\n`);
  console.log(`| client | ${STAGES.join(' | ')} |`);
  console.log(`| --- |${STAGES.map(() => ' ---: |').join('')}`);
  for (const [name, figures] of Object.entries(results)) console.log(`| ${name} | ${figures.join(' | ')} |`);
};

const modules = { official: await importTool('@moltin/sdk'), ours: await importPackage() };
if (before) modules.before = await importPackage(before);
table('Node 20', await measureStages(modules, config, ROUNDS));
await printTimeline(`${REPO}pkg`, config);

table('headless Chromium', await withIsolatedPages(before, async openPage => (await openPage()).evaluate(async ({ config, rounds, before }) => {
  const { measureStages } = await import('/stages.js');
  const modules = { official: await import('/official/official.js'), ours: await import('/ours/index.js') };
  if (before) modules.before = await import('/before/index.js');
  return measureStages(modules, config, rounds);
}, { config, rounds: ROUNDS, before: Boolean(before) })));
