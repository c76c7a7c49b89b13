// How much memory a GetCartsList call touches beyond raw fetch's, in Node 20: each client runs
// under valgrind's cachegrind with a simulated cache of this machine's sizes (32 KiB L1
// instruction, 48 KiB L1 data, 2 MiB L2 as the last level), each call after 8 MiB is swept
// through it (bench/instructions-client.mjs), so what a call misses in the last level is every
// 64-byte line of code and data it needs: the cost of a call from cold caches, counted rather
// than timed. Through a fetch that answers at once, so that only the SDK's work differs. Two
// processes a client, 200 and 400 calls; the difference over the extra calls is the figure.
// (Instructions are not compared: once a wasm memory has grown, V8 checks typed arrays for a
// detached buffer everywhere, so the sweep itself runs more instructions in a process that loaded
// this package; its misses are the buffer's, the same for every client.)
// `bash scripts/instructions.sh footprint`, or `node bench/footprint.mjs` after a build (no
// emulator needed, valgrind installed); EPCC_BEFORE=<directory of another build of the package>
// adds that build. About a minute.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const CLIENTS = ['raw', 'official', 'ours', ...(process.env.EPCC_BEFORE ? ['before'] : [])];
const FEW = 200;
const MANY = 400;
const SWEEP = 8 << 20;
const client = fileURLToPath(new URL('./instructions-client.mjs', import.meta.url));

async function counts(which, count) {
  const { stderr } = await promisify(execFile)('valgrind', [
    '--tool=cachegrind', '--cache-sim=yes', '--I1=32768,8,64', '--D1=49152,12,64', '--LL=2097152,16,64',
    '--smc-check=all-non-file', '--cachegrind-out-file=/dev/null',
    'node', '--single-threaded', client, which, 'instant', String(count), String(SWEEP),
  ], { maxBuffer: 1 << 24 });
  const read = label => {
    const found = stderr.match(new RegExp(`${label}:\\s+([\\d,]+)`));
    if (!found) throw new Error(`no "${label}" from valgrind for ${which}:\n${stderr}`);
    return Number(found[1].replaceAll(',', ''));
  };
  return { code: read('LLi misses'), data: read('LLd misses') };
}

const perCall = {};
for (const which of CLIENTS) {
  const [few, many] = await Promise.all([counts(which, FEW), counts(which, MANY)]);
  perCall[which] = Object.fromEntries(Object.keys(few).map(k => [k, (many[k] - few[k]) / (MANY - FEW)]));
  process.stderr.write(`[footprint] ${which}: ${JSON.stringify(perCall[which])}\n`);
}

const lines = n => Math.round(n).toLocaleString('en-US');
console.log('| Node 20, GetCartsList from cold caches, a call over raw fetch | lines of code missed | lines of data missed | KiB in all |');
console.log('| --- | ---: | ---: | ---: |');
for (const which of CLIENTS.filter(c => c !== 'raw')) {
  const over = k => perCall[which][k] - perCall.raw[k];
  console.log(`| ${which} | ${lines(over('code'))} | ${lines(over('data'))} | ${Math.round(((over('code') + over('data')) * 64) / 1024)} |`);
}
