// A Vite storefront (no plugins, no Vite config) that installed the packed tarball, driven in
// headless Chromium through the seed flows: its production build served as static files, and
// the Vite dev server. VITE_APP_DIR is that project (scripts/test-package.sh makes it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_ID, CLIENT_SECRET, HOST, createCustomer, startServer } from './lib/env.mjs';
import { launch, openPage } from './lib/browser.mjs';

const app = process.env.VITE_APP_DIR;
const vite = fileURLToPath(new URL('./node_modules/vite/bin/vite.js', import.meta.url));
// How the module's base64 copy (epcc_carts_wasm.js) starts: `\0asm` and version 1.
const WASM_BASE64 = 'AGFzbQEAAAA';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
let server, browser, base;

before(async () => {
  assert.ok(app && existsSync(join(app, 'node_modules/epcc-carts/package.json')), 'VITE_APP_DIR has epcc-carts installed');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: app, stdio: 'inherit' });
  const dist = join(app, 'dist');
  server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    if (pathname === '/favicon.ico') return res.writeHead(204).end();
    const path = join(dist, pathname);
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(dist) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the production build emits the wasm as an asset next to the bundle', () => {
  const assets = readdirSync(join(app, 'dist/assets'));
  assert.ok(assets.some(f => f.endsWith('.wasm')), `assets: ${assets.join(', ')}`);
  assert.ok(assets.some(f => f.endsWith('.js')), `assets: ${assets.join(', ')}`);
});

/** Runs both seed flows on the storefront at `url`; returns the responses from `url`'s origin. */
async function runFlows(url, label) {
  const customer = await createCustomer(label);
  const query = new URLSearchParams({
    host: HOST, client_id: CLIENT_ID, secret: CLIENT_SECRET,
    email: customer.email, password: customer.password, customer_id: customer.id,
  });
  const { page, problems } = await openPage(browser);
  const responses = [];
  page.on('response', response => responses.push(response));
  await page.goto(`${url}/?${query}`);
  await page.waitForSelector('body[data-status]', { state: 'attached', timeout: 30_000 });
  const text = await page.locator('#result').innerText();
  assert.equal(await page.getAttribute('body', 'data-status'), 'done', text);
  const result = JSON.parse(text);

  assert.equal(result.customer.customerId, customer.id);
  assert.deepEqual(result.customer.first, [{ type: 'customer', id: customer.id }]);
  assert.equal(result.customer.againHasData, false);
  assert.deepEqual(result.customer.listed, [result.customer.cartId]);
  assert.equal(result.customer.total, 1);

  assert.deepEqual(result.admin.associated, [{ type: 'customer', id: customer.id }]);
  assert.equal(result.admin.newest, result.admin.cartId);
  assert.deepEqual(result.admin.newestCustomers, [{ type: 'customer', id: customer.id }]);

  assert.deepEqual(result.error, { rejected: true, isEpccError: true, isError: true, kind: 'api', status: 403 });
  // The 403 above is on purpose; anything else in the console is a failure.
  assert.deepEqual(problems.filter(p => !/status of 403/.test(p)), []);
  const own = [];
  for (const response of responses.filter(r => r.url().startsWith(url))) {
    const body = await response.body().catch(() => Buffer.alloc(0));
    own.push({ path: new URL(response.url()).pathname, status: response.status(), body: body.toString('latin1') });
  }
  await page.context().close();
  return own;
}

test('the bundled storefront runs both seed flows in Chromium', async () => {
  const loaded = await runFlows(base, 'vite');
  const wasm = loaded.filter(f => f.path.endsWith('.wasm'));
  assert.equal(wasm.length, 1, 'the page streamed the emitted .wasm');
  assert.equal(wasm[0].status, 200);
  assert.deepEqual(loaded.filter(f => f.body.includes(WASM_BASE64)).map(f => f.path), [],
    'the module\'s base64 copy, a chunk of its own, is not loaded when the .wasm is there');
});

test('the Vite dev server serves the storefront, which runs both seed flows in Chromium', async () => {
  const probe = createNetServer();
  await new Promise(resolve => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise(resolve => probe.close(resolve));
  const dev = await startServer(process.execPath, [vite, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: app });
  try {
    // Vite's dependency pre-bundling moves the entry away from its .wasm, so the dev server
    // answers that URL with the page; the entry then instantiates the module's base64 copy.
    await runFlows(dev.url, 'vite-dev');
  } finally {
    await dev.stop();
  }
});
