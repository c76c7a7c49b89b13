// One GetCartsList call of ours as a timeline, in Node 20 against the release emulator: every
// import the module calls (its crossings into JavaScript, by the names wasm-bindgen gave them,
// which the build keeps in import-names.json beside the package), and the marks where the call
// starts, `fetch` is called, `fetch` resolves and the caller resumes. Each figure is the median,
// over every call, of the microseconds since the event before it: the module's own work between
// two crossings plus the JavaScript side of the earlier one. So it shows where the call's own
// time goes (argument checks, storage reads, request building, the `fetch` init, promise
// plumbing) among a real call's work; two marks from undici's diagnostics channels show where
// `fetch`'s own work ends and the emulator's begins (which raw `fetch` pays as well). Each
// crossing is timed through a wrapper, which adds its own cost; the last two lines compare the
// call with and without the wrappers.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { importPackage, median } from './lib.mjs';
import { sdkClient } from './www/clients.js';

/** `__wbg_encodeInto_43efcc238bc18461` → `encodeInto`, `__wbindgen_object_drop_ref` → `object_drop_ref`. */
const readable = name => name.replace(/^__wbg_(__wbindgen_)?|^__wbindgen_/, '').replace(/_[0-9a-f]{16}$/, '');

/** The package in `dir`, instantiated anew with each import wrapped to note its name and time in `log`. */
async function importTimed(dir, log) {
  const names = JSON.parse(readFileSync(`${dir}/import-names.json`, 'utf8'));
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = function (module, imports) {
    for (const object of Object.values(imports)) {
      for (const [short, f] of Object.entries(object)) {
        if (typeof f != 'function') continue;
        const name = readable(names[short] ?? short);
        object[short] = function (...args) {
          log.push(name, performance.now());
          return f.apply(this, args);
        };
      }
    }
    return new Instance(module, imports);
  };
  try {
    // A query of its own: a new instance of the module, not the one already imported.
    return await import(`${pathToFileURL(`${dir}/node.js`).href}?timeline`);
  } finally {
    WebAssembly.Instance = Instance;
  }
}

/** Prints the timeline of `calls` calls of the package in `dir` as a Markdown table. */
export async function printTimeline(dir, { emulator, clientId, customerToken }, calls = 3000) {
  const log = [];
  const custom_fetch = (url, init) => {
    log.push('→ fetch called', performance.now());
    return fetch(url, init).then(response => {
      log.push('← fetch resolved', performance.now());
      return response;
    });
  };
  const client = module => sdkClient(module, { emulator, clientId, customerToken, fetch: custom_fetch });
  const undici = {
    'undici:client:sendHeaders': () => log.push('request written (undici)', performance.now()),
    'undici:request:headers': () => log.push('response head read (undici)', performance.now()),
  };
  for (const [channel, note] of Object.entries(undici)) subscribe(channel, note);
  const timed = client(await importTimed(dir, log));
  const plain = client(await importPackage(dir));
  for (const call of [timed, plain]) for (let i = 0; i < 300; i++) await call();

  // The two clients take turns, ten calls each; a call's log is its events and their times.
  const runs = { timed: [], plain: [] };
  for (let i = 0; i < calls; i += 10) {
    for (const [name, call] of Object.entries({ timed, plain })) {
      for (let k = 0; k < 10; k++) {
        log.length = 0;
        log.push('call', performance.now());
        await call();
        log.push('caller resumes', performance.now());
        runs[name].push([...log]);
      }
    }
  }
  // Calls whose crossings follow the most common sequence (all of them, once warm).
  const sequence = run => run.filter((_, i) => i % 2 === 0).join('|');
  const counts = new Map();
  for (const run of runs.timed) counts.set(sequence(run), (counts.get(sequence(run)) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const same = runs.timed.filter(run => sequence(run) === common);
  const events = common.split('|');
  const gap = (run, j) => run[2 * j + 1] - run[2 * j - 1];
  const us = x => (x * 1000).toFixed(1);

  console.log(`\nNode 20, ours: one GetCartsList, crossing by crossing (µs since the event before, median of ${same.length} of ${runs.timed.length} calls with the same crossings)\n`);
  console.log('| # | event | µs |');
  console.log('| ---: | --- | ---: |');
  for (let j = 1; j < events.length; j++) console.log(`| ${j} | ${events[j]} | ${us(median(same.map(run => gap(run, j))))} |`);
  // The time of event `name` in a call's log.
  const time = (run, name) => run[run.indexOf(name) + 1];
  const span = (runsOf, from, to) => us(median(runsOf.map(run => time(run, to) - time(run, from))));
  const before = events.indexOf('→ fetch called') - 1;
  const after = events.indexOf('caller resumes') - events.indexOf('← fetch resolved') - 1;
  console.log(`\n${before} crossings before fetch is called, ${after} after it resolves.`);
  // The same spans without the wrappers (the plain client's log has only the marks).
  for (const [from, to] of [['call', '→ fetch called'], ['← fetch resolved', 'caller resumes']]) {
    console.log(`from "${from}" to "${to}": ${span(same, from, to)} µs with the wrappers, ${span(runs.plain, from, to)} µs without.`);
  }
  for (const [channel, note] of Object.entries(undici)) unsubscribe(channel, note);
}
