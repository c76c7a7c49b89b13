// Sections 2 to 4, in headless Chromium: call cost (raw fetch vs the official SDK vs ours, in
// alternating rounds), cold start, and the token requests of concurrent first calls; and the
// pages the stage, overhead and profile scripts measure in (`withIsolatedPages`).
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { launch } from '../tests/js/lib/browser.mjs';
import { CLIENT_ID, EMULATOR_URL, REPO, clearJournal, importTool, journal, median, resetStore, shopperStore } from './lib.mjs';
import { buildOfficialBundle } from './size.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/**
 * Serves bench/www at /, pkg/ at /ours/ and the official bundle's directory at /official/;
 * `before`, another build of the package, at /before/. `isolated` pages are cross-origin
 * isolated, which gives them timers of a few microseconds instead of a tenth of a millisecond.
 */
export async function serve(officialDir, { before, isolated = false } = {}) {
  const roots = [['/ours/', `${REPO}pkg`], ['/official/', officialDir], ['/', `${REPO}bench/www`]];
  if (before) roots.unshift(['/before/', before]);
  const isolation = isolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {};
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const [prefix, root] = roots.find(([p]) => path.startsWith(p));
    const file = normalize(join(root, path.slice(prefix.length) || 'index.html'));
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...isolation });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

async function freshPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', error => console.error(`[bench] page error: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => typeof window.setup === 'function');
  return { page, close: () => context.close() };
}

/**
 * Runs `measure(openPage)` against the benchmark pages, served cross-origin isolated (timers of
 * a few microseconds) with a fresh bundle of the official SDK at /official/ and, with `before`
 * (another build of the package), that build at /before/; `openPage()` resolves with a new page
 * in a context of its own, loaded. Closes the browser and the server, and removes the bundle.
 */
export async function withIsolatedPages(before, measure) {
  const official = buildOfficialBundle();
  const server = await serve(official.dir, { before, isolated: true });
  const browser = await launch();
  try {
    return await measure(async () => (await freshPage(browser, server.url)).page);
  } finally {
    await browser.close();
    server.close();
    rmSync(official.dir, { recursive: true, force: true });
  }
}

export async function browserBenchmarks(officialDir, { sequential, width, batches, rounds, coldRuns, fanOut }) {
  const server = await serve(officialDir);
  const browser = await launch();
  try {
    const store = await shopperStore(5);
    const config = { emulator: EMULATOR_URL, clientId: CLIENT_ID, customerToken: store.customerToken };

    // 2. Call cost: one page, the three clients alternating, the starting one rotating each round.
    const { page, close } = await freshPage(browser, server.url);
    await page.evaluate(c => window.setup(c), config);
    const callCost = await page.evaluate(s => window.callCost(s), { sequential, width, batches, rounds });
    await close();
    await clearJournal();

    // 3. Cold start: a new browser context (empty HTTP cache) per sample, alternating.
    const cold = { ours: [], official: [] };
    for (let i = 0; i < coldRuns; i++) {
      for (const which of i % 2 ? ['official', 'ours'] : ['ours', 'official']) {
        const fresh = await freshPage(browser, server.url);
        cold[which].push(await fresh.page.evaluate(([w, c]) => window.coldStart(w, c), [which, config]));
        await fresh.close();
      }
    }
    const coldStart = Object.fromEntries(Object.entries(cold).map(([w, samples]) => [w, {
      load: median(samples.map(s => s.load)),
      firstCall: median(samples.map(s => s.firstCall)),
    }]));

    // 4. Auth fan-out: concurrent first calls on an empty store, token requests from the journal.
    const fan = {};
    for (const which of ['official', 'ours']) {
      await resetStore();
      const fresh = await freshPage(browser, server.url);
      const result = await fresh.page.evaluate(([w, c, n]) => window.fanOut(w, c, n), [which, config, fanOut]);
      const entries = await journal();
      fan[which] = {
        ...result,
        tokenRequests: entries.filter(e => e.method === 'POST' && e.path === '/oauth/access_token').length,
        apiCalls: entries.filter(e => e.method === 'GET' && e.path.startsWith('/v2/carts/')).length,
      };
      await fresh.close();
    }
    return { callCost, coldStart, fanOut: fan };
  } finally {
    await browser.close();
    server.close();
  }
}
