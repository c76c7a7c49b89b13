// A storefront page that a bundler built from a fresh project with the packed tarball installed,
// served as static files under the package README's Content Security Policy and run in headless
// Chromium: one call (Cart(id).Get() against the emulator), an EpccError from the same module,
// and which files the page had to load.
//   PAGE_NAME  the bundler, for messages (esbuild, webpack)
//   PAGE_DIST  the built site: index.html and the bundle, as the bundler left them
//   PAGE_WASM  `asset` when the bundler emits the .wasm file and the page streams it (webpack),
//              `embedded` when the bundle carries the module's bytes and fetches nothing (esbuild)
// scripts/test-package.sh builds the projects and runs this file once for each.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { CLIENT_ID, HOST } from './lib/env.mjs';
import { launch, openPage } from './lib/browser.mjs';

const name = process.env.PAGE_NAME ?? 'page';
const dist = process.env.PAGE_DIST;
const mode = process.env.PAGE_WASM;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
// How the module's base64 copy (epcc_carts_wasm.js) starts: `\0asm` and version 1.
const WASM_BASE64 = 'AGFzbQEAAAA';
let server, browser, base;
let missingWasm = false; // when set, the server answers 404 for every .wasm file

before(async () => {
  assert.ok(dist && existsSync(join(dist, 'index.html')), 'PAGE_DIST has the built index.html');
  assert.ok(mode === 'asset' || mode === 'embedded', `PAGE_WASM is asset or embedded, not ${mode}`);
  server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    if (pathname === '/favicon.ico') return res.writeHead(204).end();
    const path = join(dist, pathname);
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(dist) || !existsSync(file) || (missingWasm && file.endsWith('.wasm'))) {
      return res.writeHead(404).end();
    }
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream' };
    // The policy the package README gives: WebAssembly compilation, the API, and the page's own
    // origin for the .wasm where one is fetched (esbuild's bundle fetches nothing but the API).
    if (file.endsWith('.html')) {
      headers['content-security-policy'] =
        `script-src 'self' 'wasm-unsafe-eval'; connect-src ${mode === 'asset' ? "'self' " : ''}http://${HOST}`;
    }
    res.writeHead(200, headers).end(readFileSync(file));
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens the page, waits for its result and returns it with the page's problems and responses. */
async function run(cart) {
  const { page, problems } = await openPage(browser);
  const responses = [];
  page.on('response', response => responses.push(response));
  const query = new URLSearchParams({ host: HOST, client_id: CLIENT_ID, cart });
  await page.goto(`${base}/?${query}`);
  await page.waitForSelector('body[data-status]', { state: 'attached', timeout: 30_000 });
  const text = await page.locator('#result').innerText();
  const status = await page.getAttribute('body', 'data-status');
  const loaded = [];
  for (const response of responses) {
    const url = new URL(response.url());
    if (url.origin !== base) continue;
    const body = await response.body().catch(() => Buffer.alloc(0));
    loaded.push({ path: url.pathname, status: response.status(), wasmBase64: body.toString('latin1').includes(WASM_BASE64) });
  }
  await page.context().close();
  return { status, text, problems, loaded };
}

function assertCalled({ status, text, problems }, cart) {
  assert.equal(status, 'done', text);
  const result = JSON.parse(text);
  assert.deepEqual(result.cart, { id: cart, type: 'cart' }, `${name}: Cart(id).Get() resolved with the cart`);
  assert.deepEqual(result.error, { isEpccError: true, instanceOf: true, kind: 'invalid_input' });
  assert.deepEqual(problems, [], `${name}: the page logged no errors and no request failed`);
}

test(`${name}: the page calls the API with no bundler configuration`, async () => {
  const cart = `${name}-page-${Date.now()}`;
  const outcome = await run(cart);
  assertCalled(outcome, cart);
  const wasm = outcome.loaded.filter(f => f.path.endsWith('.wasm'));
  const withBytes = outcome.loaded.filter(f => f.path.endsWith('.js') && f.wasmBase64);
  if (mode === 'asset') {
    assert.equal(wasm.length, 1, `one .wasm streamed: ${JSON.stringify(outcome.loaded)}`);
    assert.equal(wasm[0].status, 200);
    assert.deepEqual(withBytes, [], 'the module\'s base64 copy is not loaded when the .wasm is there');
  } else {
    assert.deepEqual(wasm, [], 'nothing asks for a .wasm file that the bundler did not emit');
    assert.equal(withBytes.length, 1, `the bundle carries the module: ${JSON.stringify(outcome.loaded)}`);
  }
});

test(`${name}: the page still works when the .wasm file is not served`, { skip: mode !== 'asset' }, async () => {
  const emitted = readdirSync(dist, { recursive: true }).filter(f => String(f).endsWith('.wasm'));
  assert.equal(emitted.length, 1, `the bundler emitted the .wasm: ${emitted.join(', ')}`);
  missingWasm = true;
  try {
    const cart = `${name}-fallback-${Date.now()}`;
    const outcome = await run(cart);
    // The failed .wasm request (a 404, then aborted) is the one expected problem: the page then
    // loads the module's bytes from the chunk the bundler split off for it.
    const problems = outcome.problems.filter(p => !/status of 404|\.wasm net::ERR_ABORTED/.test(p));
    assertCalled({ ...outcome, problems }, cart);
    const withBytes = outcome.loaded.filter(f => f.path.endsWith('.js') && f.wasmBase64);
    assert.equal(withBytes.length, 1, `the fallback chunk was loaded: ${JSON.stringify(outcome.loaded)}`);
  } finally {
    missingWasm = false;
  }
});
