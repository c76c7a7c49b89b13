// A Vite storefront (production build, no plugins, no Vite config) that installed the packed
// tarball, served as static files and driven in headless Chromium through the seed flows.
// VITE_APP_DIR is that project (scripts/test-package.sh makes it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_ID, CLIENT_SECRET, HOST, createCustomer } from './lib/env.mjs';
import { launch, openPage } from './lib/browser.mjs';

const app = process.env.VITE_APP_DIR;
const vite = fileURLToPath(new URL('./node_modules/vite/bin/vite.js', import.meta.url));
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

test('the bundled storefront runs both seed flows in Chromium', async () => {
  const customer = await createCustomer('vite');
  const query = new URLSearchParams({
    host: HOST, client_id: CLIENT_ID, secret: CLIENT_SECRET,
    email: customer.email, password: customer.password, customer_id: customer.id,
  });
  const { page, problems } = await openPage(browser);
  await page.goto(`${base}/?${query}`);
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
});
