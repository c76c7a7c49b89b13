// Which of the module's functions V8 has optimised after how many calls, in Node 20. V8 compiles
// a wasm function with its baseline compiler (Liftoff) the first time it runs, and with its
// optimising compiler (TurboFan) once the function has used up a budget of roughly 1.8 MB of
// executed code: a small function that runs once a call waits thousands of calls for it. For
// each count, a fresh process makes that many GetCartsList calls through a fetch that answers at
// once (bench/instructions-client.mjs) with V8's `--trace-wasm-compilation-times`, and this
// counts the functions compiled by each tier and their sizes (wasm body bytes, machine code
// bytes). No emulator needed; `node bench/tiers.mjs` after a build, about half a minute.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const COUNTS = [100, 1000, 5000, 20000, 100000];
const client = fileURLToPath(new URL('./instructions-client.mjs', import.meta.url));

/** The functions each tier compiled in a run of `count` calls: how many, and their bytes. */
async function compiled(count) {
  const { stdout } = await promisify(execFile)('node', ['--trace-wasm-compilation-times', client, 'ours', 'instant', String(count)], { maxBuffer: 1 << 26 });
  const tiers = { Liftoff: { functions: 0, body: 0, code: 0 }, TurboFan: { functions: 0, body: 0, code: 0 } };
  for (const line of stdout.split('\n')) {
    const found = line.match(/^Compiled function \S+ using (Liftoff|TurboFan),.* bodysize (\d+) codesize (\d+)/);
    if (!found) continue;
    const tier = tiers[found[1]];
    tier.functions++;
    tier.body += Number(found[2]);
    tier.code += Number(found[3]);
  }
  if (!tiers.Liftoff.functions) throw new Error(`no wasm compilation traced in ${count} calls:\n${stdout.slice(0, 2000)}`);
  return tiers;
}

const bytes = n => n.toLocaleString('en-US');
console.log('| GetCartsList calls in the process | functions run (Liftoff) | wasm bytes | machine code | optimised (TurboFan) | wasm bytes | machine code |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const count of COUNTS) {
  const { Liftoff: base, TurboFan: top } = await compiled(count);
  console.log(`| ${bytes(count)} | ${base.functions} | ${bytes(base.body)} | ${bytes(base.code)} | ${top.functions} | ${bytes(top.body)} | ${bytes(top.code)} |`);
}
