// CPU instructions per GetCartsList call, counted by valgrind (callgrind) in Node 20: raw fetch,
// the official SDK and ours, each through a fetch that answers at once (the work an SDK does
// around fetch) and against the release emulator (the whole call in the client's process).
// Counts are exact where wall-clock rounds on a shared machine are not. Each client makes a
// first number of calls in one process and more in another; the difference over the extra
// calls is the figure, so start-up and warm-up cancel out. Node runs single-threaded
// (`--single-threaded`), so the JIT compiles where valgrind counts it, and its compiling during
// the extra calls is part of the figure. Started by scripts/instructions.sh (emulator, build);
// prints a Markdown table.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CLIENT_ID, EMULATOR_URL, shopperStore } from './lib.mjs';

// With EPCC_BEFORE=<directory of another build of the package>, that build too.
const CLIENTS = ['raw', 'official', 'ours', ...(process.env.EPCC_BEFORE ? ['before'] : [])];
// Where the calls go, and how many each process makes: the calls through the emulator cost 30
// times more under valgrind, and the JIT is still at work for the first thousand or so.
const WHERE = {
  instant: { label: 'fetch answering at once', few: 2000, many: 12000 },
  emulator: { label: 'release emulator', few: 1500, many: 3000 },
};
const client = fileURLToPath(new URL('./instructions-client.mjs', import.meta.url));

const store = await shopperStore(5);
const env = {
  ...process.env,
  EPCC_BENCH_CONFIG: JSON.stringify({ emulator: EMULATOR_URL, clientId: CLIENT_ID, customerToken: store.customerToken }),
};

async function instructions(which, where, count) {
  const { stderr } = await promisify(execFile)('valgrind', [
    '--tool=callgrind', '--smc-check=all-non-file', '--callgrind-out-file=/dev/null',
    'node', '--single-threaded', client, which, where, String(count),
  ], { env, maxBuffer: 1 << 24 });
  const refs = stderr.match(/refs:\s+([\d,]+)/);
  if (!refs) throw new Error(`no instruction count from valgrind for ${which} ${where}:\n${stderr}`);
  return Number(refs[1].replaceAll(',', ''));
}

// Two processes at a time: one per core.
const perCall = {};
for (const [where, { few, many }] of Object.entries(WHERE)) {
  perCall[where] = {};
  for (const which of CLIENTS) {
    const counts = await Promise.all([instructions(which, where, few), instructions(which, where, many)]);
    perCall[where][which] = (counts[1] - counts[0]) / (many - few);
    process.stderr.write(`[instructions] ${where} ${which}: ${Math.round(perCall[where][which])}\n`);
  }
}

const k = n => `${(n / 1000).toFixed(1)}k`;
console.log(`| Node 20, GetCartsList: instructions a call | ${CLIENTS.join(' | ')} | ours/official | ours − raw, official − raw |`);
console.log(`| --- |${CLIENTS.map(() => ' ---: |').join('')} ---: | ---: |`);
for (const [where, { label }] of Object.entries(WHERE)) {
  const { raw, official, ours } = perCall[where];
  const figures = CLIENTS.map(which => k(perCall[where][which])).join(' | ');
  console.log(`| ${label} | ${figures} | ${(ours / official).toFixed(2)}× | ${k(ours - raw)}, ${k(official - raw)} |`);
}
