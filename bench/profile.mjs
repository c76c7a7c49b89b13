// Where a call's time goes in Node: run under `node --cpu-prof`, this makes `CALLS` sequential
// GetCartsList calls with our package (after a warm-up), then prints the self time of the
// profile's functions grouped by where they live: the .wasm, the package's JS, Node's fetch
// (undici), and the rest. Started by scripts/profile.sh, which provides the emulator.
//
// `node bench/profile.mjs browser` (after a build; no emulator): the same for ours and for the
// official SDK in headless Chromium, each through a fetch that answers at once, profiled through
// the DevTools protocol; µs a call by group, so the two SDKs' own work can be compared.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withIsolatedPages } from './browser.mjs';
import { CLIENT_ID, EMULATOR_URL, importPackage, shopperStore } from './lib.mjs';
import { sdkClient, sequential } from './www/clients.js';

const CALLS = 2000;

if (process.argv[2] === 'summarise') {
  const dir = process.argv[3];
  const file = readdirSync(dir).find(f => f.endsWith('.cpuprofile'));
  const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(nodes.map(n => [n.id, n]));
  const self = new Map();
  samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (timeDeltas[i] ?? 0)));
  const groups = new Map();
  const functions = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id);
    const group = f.url.startsWith('wasm://') ? 'wasm (our .wasm)'
      : f.url.includes('/pkg/') ? 'our JS (pkg/node.js)'
      : f.url.startsWith('node:') || f.url.includes('undici') ? 'fetch (undici), sockets and other Node internals'
      : f.functionName === '(idle)' || f.functionName === '(program)' ? 'idle / waiting for the emulator'
      : f.functionName === '(garbage collector)' ? 'garbage collector'
      : f.url.includes('/bench/') ? 'the benchmark loop'
      : 'V8 builtins and natives (no script)';
    groups.set(group, (groups.get(group) ?? 0) + us);
    const key = `${group}: ${f.functionName || '(anonymous)'}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
    total += us;
  }
  const pct = us => `${((us / total) * 100).toFixed(1)}%`;
  for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`${pct(us).padStart(6)}  ${g}`);
  console.log('top functions:');
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(us).padStart(6)}  ${name}`);
} else if (process.argv[2] === 'browser') {
  await withIsolatedPages(undefined, async openPage => {
    for (const [name, entry] of [['ours', '/ours/index.js'], ['official', '/official/official.js']]) {
      const page = await openPage();
      // The clients of bench/www/overhead.js, warmed up, then the profiled calls.
      await page.evaluate(async entry => {
        const { overheadClients } = await import('/overhead.js');
        window.profiled = await overheadClients({ sdk: await import(entry) });
        for (let i = 0; i < 1000; i++) await window.profiled.sdk();
      }, entry);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
      await page.evaluate(async calls => { for (let i = 0; i < calls; i++) await window.profiled.sdk(); }, CALLS * 10);
      const { profile } = await cdp.send('Profiler.stop');
      const byId = new Map(profile.nodes.map(n => [n.id, n]));
      const each = (profile.endTime - profile.startTime) / profile.samples.length / (CALLS * 10);
      const groups = new Map();
      for (const id of profile.samples) {
        const { callFrame: f } = byId.get(id);
        const group = /^(js-to-wasm|wasm-to-js)/.test(f.functionName) ? 'crossings between JS and wasm'
          : f.url.startsWith('wasm://') || f.url.endsWith('.wasm') ? 'wasm (our .wasm)'
          : f.url.endsWith('/index.js') ? 'our JS (index.js)'
          : f.url.endsWith('/official.js') ? "the official SDK's JS"
          : f.url.endsWith('/overhead.js') ? 'the benchmark loop and its instant fetch'
          : ['encodeInto', 'decode', 'encode'].includes(f.functionName) ? 'TextEncoder / TextDecoder'
          : ['text', 'json', 'Response', 'get status'].includes(f.functionName) ? 'Response (body, status)'
          : ['(idle)', '(program)', '(garbage collector)'].includes(f.functionName) ? f.functionName
          : `${f.functionName || '(anonymous)'} (browser)`;
        groups.set(group, (groups.get(group) ?? 0) + each);
      }
      console.log(`\n${name} in headless Chromium, fetch answering at once: µs a call by where it is spent`);
      for (const [group, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${us.toFixed(2).padStart(7)}  ${group}`);
    }
  });
} else {
  const store = await shopperStore(5);
  const ours = await importPackage();
  const call = sdkClient(ours, { emulator: EMULATOR_URL, clientId: CLIENT_ID, customerToken: store.customerToken });
  await sequential(call, 200);
  const ms = await sequential(call, CALLS);
  console.error(`[profile] ${CALLS} calls in ${ms.toFixed(0)} ms: ${((ms / CALLS) * 1000).toFixed(0)} µs a call`);
}
