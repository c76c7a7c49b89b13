// A Next.js App Router project (no next.config, no serverExternalPackages) that installed the
// packed tarball, built with `next build` by each of Next's bundlers and served by `next start`:
//   - a route handler and a Server Component call the SDK on the server with client_credentials;
//   - a Client Component calls it in headless Chromium, with the implicit token.
// NEXT_APP_DIR is that project (scripts/test-package.sh makes it from tests/js/consumers/next).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startServer } from './lib/env.mjs';
import { launch, openPage } from './lib/browser.mjs';

const app = process.env.NEXT_APP_DIR;
const next = app && join(app, 'node_modules/next/dist/bin/next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
// How the module's base64 copy (epcc_carts_wasm.js) starts: `\0asm` and version 1.
const WASM_BASE64 = 'AGFzbQEAAAA';
let browser;

before(async () => {
  assert.ok(app && existsSync(join(app, 'node_modules/epcc-carts/package.json')), 'NEXT_APP_DIR has epcc-carts installed');
  assert.ok(existsSync(next), 'NEXT_APP_DIR has next installed');
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function freePort() {
  const server = createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return port;
}

for (const bundler of ['turbopack', 'webpack']) {
  describe(`Next.js with ${bundler}`, () => {
    let server;

    before(async () => {
      execFileSync(process.execPath, [next, 'build', `--${bundler}`], { cwd: app, env, stdio: 'inherit' });
      server = await startServer(process.execPath, [next, 'start', '-H', '127.0.0.1', '-p', String(await freePort())], { cwd: app, env });
      // `next start` prints its URL before it is ready to answer.
      for (let i = 0; ; i++) {
        try {
          await fetch(`${server.url}/api/cart?cart=warm-up`);
          break;
        } catch (err) {
          if (i === 100) throw err;
          await new Promise(resolve => setTimeout(resolve, 100));
        }
      }
    });

    after(async () => {
      await server?.stop();
    });

    test('a route handler calls the SDK on the server', async () => {
      const cart = `next-${bundler}-route-${Date.now()}`;
      const res = await fetch(`${server.url}/api/cart?cart=${cart}`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { id: cart, type: 'cart' });
    });

    test('a Server Component calls the SDK on the server and a Client Component in Chromium', async () => {
      const cart = `next-${bundler}-page-${Date.now()}`;
      const { page, problems } = await openPage(browser);
      const loaded = [];
      page.on('response', response => loaded.push(response));
      await page.goto(`${server.url}/?cart=${cart}`);
      assert.deepEqual(JSON.parse(await page.locator('#server').innerText()), { id: cart, type: 'cart' });

      await page.waitForSelector('#client[data-status]', { state: 'attached', timeout: 30_000 });
      const text = await page.locator('#client').innerText();
      assert.equal(await page.getAttribute('#client', 'data-status'), 'done', text);
      assert.deepEqual(JSON.parse(text), {
        cart: { id: `${cart}-client`, type: 'cart' },
        error: { isEpccError: true, instanceOf: true, kind: 'invalid_input' },
      });
      const failed = loaded.filter(r => r.status() >= 400).map(r => `${r.status()} ${r.url()}`);
      assert.deepEqual(problems, [], `the page logged no errors and no request failed: ${failed.join(', ')}`);

      const own = loaded.filter(r => r.url().startsWith(server.url));
      const wasm = own.filter(r => new URL(r.url()).pathname.endsWith('.wasm'));
      assert.equal(wasm.length, 1, `the page streamed the .wasm Next emitted: ${own.map(r => r.url()).join(', ')}`);
      assert.equal(wasm[0].status(), 200);
      for (const response of own.filter(r => r.url().endsWith('.js'))) {
        const body = (await response.body()).toString('latin1');
        assert.ok(!body.includes(WASM_BASE64), `${response.url()} does not carry the module's base64 copy`);
      }
      await page.context().close();
    });
  });
}
