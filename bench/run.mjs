// Runs every benchmark section once and prints one Markdown table. Started by scripts/bench.sh,
// which builds the package and a release emulator and passes the emulator in the environment.
import { rmSync } from 'node:fs';
import { browserBenchmarks } from './browser.mjs';
import { emulatorLoad, listingVsStoreSize } from './load.mjs';
import { CLIENT_ID, CLIENT_SECRET, EMULATOR_URL, toolVersion } from './lib.mjs';
import { nodeCallCost } from './node.mjs';
import { buildOfficialBundle, sizes } from './size.mjs';

const settings = {
  sequential: 20, // calls per client per round
  width: 25, // calls at once
  batches: 1, // concurrent batches per client per round
  rounds: 100, // short rounds, the clients in turn: see callCost in bench/www/clients.js
  coldRuns: 15, // fresh contexts per SDK
  fanOut: 50,
  wrkSeconds: 5,
  wrkConnections: 10,
};

if (!EMULATOR_URL || !CLIENT_ID || !CLIENT_SECRET) throw new Error('run the benchmarks through scripts/bench.sh');

const log = message => console.error(`[bench] ${message}`);
const started = Date.now();

log('1/6 sizes (esbuild bundle of the official SDK)');
const official = buildOfficialBundle();
const size = sizes(official.file);

log('2-4/6 headless Chromium: call cost, cold start, auth fan-out');
const browser = await browserBenchmarks(official.dir, settings);
rmSync(official.dir, { recursive: true, force: true });

log('5/6 Node: call cost');
const node = await nodeCallCost(settings);

log(`6/6 emulator under wrk (${settings.wrkSeconds} s each), then listing latency vs store size`);
const load = await emulatorLoad({ duration: settings.wrkSeconds, connections: settings.wrkConnections });
const stores = await listingVsStoreSize();

// ---- the table ----
const int = n => Math.round(n).toLocaleString('en-US');
const ms = n => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const bytes = s => `${int(s.raw)} / ${int(s.gzip)} / ${int(s.brotli)}`;
const officialName = `@moltin/sdk ${toolVersion('@moltin/sdk')}`;
const { callCost: c, coldStart: cold, fanOut: fan } = browser;

const rows = [
  ['1 size', 'what a browser loads (.wasm + index.js): raw / gzip -9 / brotli (bytes)', bytes(size.ours), bytes(size.official), '', `gzip ${ratio(size.ours.gzip, size.official.gzip)}, brotli ${ratio(size.ours.brotli, size.official.brotli)} (gate: gzip < official: ${size.ours.gzip < size.official.gzip ? 'pass' : 'fail'})`],
  ['1 size', '… of which .wasm', bytes(size.wasm), '', '', ''],
  ['1 size', '… of which index.js (entry and glue, minified)', bytes(size.entry), '', '', ''],
];
for (const [where, cost] of [['Chromium', c], ['Node 20', node]]) {
  rows.push(
    ['2 call cost', `${where}: GetCartsList, ${settings.sequential} sequential × ${settings.rounds} rounds (calls/s, middle half of the calls)`, int(cost.ours.sequential), int(cost.official.sequential), int(cost.raw.sequential), `ours/official ${ratio(cost.ours.sequential, cost.official.sequential)}, ours/raw ${ratio(cost.ours.sequential, cost.raw.sequential)}`],
    ['2 call cost', `${where}: GetCartsList, ${settings.width} concurrent × ${settings.batches} batch × ${settings.rounds} rounds (calls/s, middle half of the batches)`, int(cost.ours.concurrent), int(cost.official.concurrent), int(cost.raw.concurrent), `ours/official ${ratio(cost.ours.concurrent, cost.official.concurrent)}, ours/raw ${ratio(cost.ours.concurrent, cost.raw.concurrent)}`],
  );
}
rows.push(
  ['3 cold start', `module load, median of ${settings.coldRuns} fresh contexts`, ms(cold.ours.load), ms(cold.official.load), '', ratio(cold.ours.load, cold.official.load)],
  ['3 cold start', 'module load → first GetCartsList resolved (token included)', ms(cold.ours.firstCall), ms(cold.official.firstCall), '', ratio(cold.ours.firstCall, cold.official.firstCall)],
  ['4 auth fan-out', `${settings.fanOut} concurrent first calls, empty store: token requests`, `${fan.ours.tokenRequests}`, `${fan.official.tokenRequests}`, '', `${fan.ours.apiCalls}/${fan.official.apiCalls} API calls, ${fan.ours.failed}/${fan.official.failed} failed`],
  ['4 auth fan-out', '… wall time until all settled', ms(fan.ours.ms), ms(fan.official.ms), '', ratio(fan.ours.ms, fan.official.ms)],
);
for (const [name, r] of [['GET /v2/carts (client_credentials, 100 carts)', load.list], ['associate/dissociate (POST 200 / DELETE 204)', load.associate]]) {
  rows.push(['5 emulator', `wrk ${settings.wrkConnections} conns ${settings.wrkSeconds} s: ${name}`,
    `${int(r.requestsPerSecond)} req/s`, '', '', `p50 ${ms(r.p50)}, p99 ${ms(r.p99)}${r.errors ? `, ${r.errors} errors` : ''}`]);
}
const firstPages = stores.filter(r => r.scope === 'all carts' && r.page === 'first page');
rows.push(['5 emulator', 'listing latency vs store size (all carts, first page, in-process)',
  firstPages.map(r => `${int(r.carts)}: ${r.median.toFixed(0)} µs`).join(', '), '', '',
  `p99 ${firstPages.map(r => `${r.p99.toFixed(0)} µs`).join(' / ')}; ${ratio(firstPages.at(-1).median, firstPages[0].median)} from smallest to largest`]);

const header = ['#', 'measure', 'epcc-carts (or value)', officialName, 'raw fetch', 'ratio / notes'];
const line = cells => `| ${cells.join(' | ')} |`;
console.log(line(header));
console.log(line(header.map(() => '---')));
for (const row of rows) console.log(line(row));
log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
