// End to end: the www demo storefront, served as scripts/demo.sh serves it, driven through every
// panel in headless Chromium. Fails on any console error, uncaught exception or failed request
// that the step did not provoke on purpose. Saves a full-page screenshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_ID, CLIENT_SECRET, EMULATOR_URL, HOST, createCustomer, emulator, startServer } from './lib/env.mjs';
import { launch, openPage } from './lib/browser.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const screenshotDir = process.env.SCREENSHOT_DIR ?? fileURLToPath(new URL('./.tmp/', import.meta.url));

let www, browser, page, problems, customer;

before(async () => {
  customer = await createCustomer('www');
  www = await startServer(process.execPath, ['www/server.js', '--port', '0'], {
    cwd: repo,
    env: {
      ...process.env,
      EPCC_EMULATOR_URL: EMULATOR_URL,
      EPCC_CLIENT_ID: CLIENT_ID,
      EPCC_CLIENT_SECRET: CLIENT_SECRET,
      EPCC_DEMO_CUSTOMERS: `${customer.email} ${customer.password}`,
    },
  });
  browser = await launch();
  ({ page, problems } = await openPage(browser));
  await page.goto(www.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
});

after(async () => {
  await browser?.close();
  await www?.stop();
});

// Runs a step that makes the page log an expected HTTP failure (Chromium reports those as
// console errors); only the errors matching `expected` are forgiven.
async function provoking(expected, step) {
  const before = problems.length;
  await step();
  const during = problems.splice(before);
  const unexpected = during.filter(p => !expected.test(p));
  problems.push(...unexpected);
}

const text = selector => page.locator(selector).innerText();
const result = () => text('#association-result');

test('connects to the emulator with an implicit token', async () => {
  assert.equal(await page.inputValue('#host'), HOST);
  assert.equal(await page.inputValue('#client-id'), CLIENT_ID);
  await page.locator('#status[data-state="online"]').waitFor();
  assert.match(await text('#status-text'), new RegExp(`Connected to http://${HOST.replaceAll('.', '\\.')}`));
  // Reconnecting through the form works too.
  await page.click('#connection-form button[type="submit"]');
  await page.locator('#status[data-state="online"]').waitFor();
  assert.match(await text('#current-cart-id'), /^[0-9a-f]{32}$/);
});

test('a wrong password is a readable error', async () => {
  await provoking(/status of 401/, async () => {
    await page.fill('#email', customer.email);
    await page.fill('#password', 'not-the-password');
    await page.click('#signin');
    await page.locator('#association-result .pill.error').waitFor();
  });
  assert.match(await result(), /api · HTTP 401/i);
  assert.match(await result(), /Invalid credentials/);
  assert.match(await text('#log li.fail'), /Customers\.Token/);
});

test('signs a customer in', async () => {
  await page.fill('#password', customer.password);
  await page.click('#signin');
  await page.locator('#customer-info:not([hidden])').waitFor();
  assert.equal(await text('#customer-email'), customer.email);
  assert.equal(await text('#customer-id'), customer.id);
  assert.match(await result(), /signed in/i);
});

async function createCart(name, description) {
  await page.fill('#cart-name', name);
  await page.fill('#cart-description', description);
  await page.click('#create-cart');
  await page.locator('#current-cart-name', { hasText: name }).waitFor();
  assert.match(await result(), /created/i);
  assert.equal(await text('#current-cart-customers'), 'none (guest cart)');
}

async function associate(expected) {
  const before = await page.locator('#log li').count();
  await page.click('#associate');
  await page.waitForFunction(n => document.querySelectorAll('#log li').length >= n + 3, before);
  await page.locator('#associate:not(.busy)').waitFor();
  assert.match(await result(), expected);
}

test('creates a cart and associates it with the customer, then says "already associated"', async () => {
  await createCart('Woodworking', 'Chisels and a new plane');
  await associate(/^associated/i);
  assert.equal(await text('#current-cart-customers'), 'you');
  await associate(/already associated/i);
  assert.match(await text('#mine-table'), /Woodworking/);
});

test("lists the customer's carts newest first, with pagination", async () => {
  await createCart('Grill supplies', 'Bacon and eggs');
  await associate(/^associated/i);
  await createCart('Campaign supplies', 'Binders and buttons');
  await associate(/^associated/i);

  const names = await page.locator('#mine-table tbody tr td:first-child strong').allInnerTexts();
  assert.deepEqual(names, ['Campaign supplies', 'Grill supplies', 'Woodworking']);
  assert.match(await text('#mine-summary'), /^3 carts · page 1\/1/);

  await page.selectOption('#mine-limit', '2');
  await page.locator('#mine-pager .page', { hasText: 'page 1 of 2' }).waitFor();
  assert.deepEqual(await page.locator('#mine-table tbody strong').allInnerTexts(), ['Campaign supplies', 'Grill supplies']);
  await page.click('#mine-pager button:has-text("Older")');
  await page.locator('#mine-pager .page', { hasText: 'page 2 of 2' }).waitFor();
  assert.deepEqual(await page.locator('#mine-table tbody strong').allInnerTexts(), ['Woodworking']);
  await page.click('#mine-meta summary');
  const meta = JSON.parse(await text('#mine-meta-json'));
  assert.equal(meta.meta.results.total, 3);
  assert.deepEqual(meta.meta.page, { limit: 2, offset: 2, current: 2, total: 2 });
  assert.equal(meta.links.next, null);
  assert.match(meta.links.first, /page\[offset\]=0/);
  await page.click('#mine-pager button:has-text("Newer")');
  await page.locator('#mine-pager .page', { hasText: 'page 1 of 2' }).waitFor();
});

test('switches the current cart and removes associations', async () => {
  // Make "Woodworking" current again from the list, then remove it from the current-cart panel.
  await page.selectOption('#mine-limit', '');
  await page.locator('#mine-summary', { hasText: 'limit 25' }).waitFor();
  await page.locator('#mine-table tr', { hasText: 'Woodworking' }).locator('button', { hasText: 'Make current' }).click();
  await page.locator('#current-cart-name', { hasText: 'Woodworking' }).waitFor();
  await page.click('#disassociate');
  await page.locator('#association-result', { hasText: 'removed' }).waitFor();
  await page.locator('#current-cart-customers', { hasText: 'none (guest cart)' }).waitFor();
  await page.locator('#mine-summary', { hasText: '2 carts' }).waitFor();

  // And one straight from a row of the list.
  await page.locator('#mine-table tr', { hasText: 'Grill supplies' }).locator('button', { hasText: 'Remove' }).click();
  await page.locator('#mine-summary', { hasText: '1 cart ·' }).waitFor();
  assert.deepEqual(await page.locator('#mine-table tbody strong').allInnerTexts(), ['Campaign supplies']);
});

test('the admin panel lists every cart with client_credentials, and explains a wrong secret', async () => {
  assert.match(await text('#admin-panel .warning'), /client secret must never ship to a browser/i);
  await provoking(/status of 401/, async () => {
    await page.fill('#client-secret', 'wrong-secret');
    await page.click('#admin-list');
    await page.locator('#admin-table .pill.error').waitFor();
  });
  assert.match(await text('#admin-table'), /api · HTTP 401/i);

  await page.fill('#client-secret', CLIENT_SECRET);
  await page.selectOption('#admin-limit', '5');
  await page.click('#admin-list');
  await page.locator('#admin-table table').waitFor();
  const rows = await page.locator('#admin-table tbody tr').allInnerTexts();
  assert.ok(rows.length >= 3 && rows.length <= 5, `rows: ${rows.length}`);
  // Removing an association updates the cart, so the last cart touched comes first.
  assert.match(rows[0], /Grill supplies/);
  assert.match(await text('#admin-summary'), /carts · page 1\//);
});

// ---------- the storefront ----------

const product = name => page.locator('#products .product', { has: page.locator('h3', { hasText: name }) });
const line = name => page.locator('#bag-items .bag-item', { hasText: name });
const lineNames = () => page.locator('#bag-items .bag-item strong').allInnerTexts();
// Item calls mark the cart panel busy from the click until the answer is shown.
const settled = () => page.locator('#bag-panel[aria-busy="false"]').waitFor({ state: 'attached' });

async function addToCart(name) {
  await product(name).getByRole('button', { name: 'Add to cart' }).click();
  await settled();
  await line(name).waitFor();
}

test('the shop shows the catalog: names, descriptions and prices', async () => {
  await page.locator('#products[aria-busy="false"] .product').first().waitFor();
  assert.equal(await page.locator('#products .product').count(), 6);
  assert.match(await product('Block plane').locator('.description').innerText(), /block plane/i);
  assert.equal(await product('Block plane').locator('.price').innerText(), '$89.00');
  assert.equal(await product('Whipped cream').locator('.price').innerText(), '$4.25');
});

let guestCart;

test('a guest fills a cart: add, change quantities, remove, and a promotion code', async () => {
  await page.click('#signout');
  await page.locator('#signin:not([hidden])').waitFor();
  await createCart('Breakfast', 'Waffles and bacon');
  guestCart = await text('#current-cart-id');
  assert.equal(await page.locator('#bag-items .bag-item').count(), 0);
  assert.equal(await page.isVisible('#bag-empty'), true);

  await addToCart('Block plane');
  await addToCart('Whipped cream');
  await addToCart('Bacon, 1 lb');
  assert.deepEqual((await lineNames()).sort(), ['Bacon, 1 lb', 'Block plane', 'Whipped cream']);
  assert.match(await text('#bag-result'), /Bacon, 1 lb is in your cart/);

  // "+" twice, then a quantity typed in, then a removal.
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'One more Whipped cream' }).click();
    await settled();
  }
  assert.equal(await line('Whipped cream').locator('input.qty').inputValue(), '3');
  assert.equal(await line('Whipped cream').locator('.line-total').innerText(), '$12.75');
  await page.getByRole('spinbutton', { name: 'Quantity of Bacon, 1 lb' }).fill('2');
  await page.keyboard.press('Tab');
  await settled();
  assert.equal(await line('Bacon').locator('.line-total').innerText(), '$14.98');
  await page.getByRole('button', { name: 'Remove Bacon, 1 lb' }).click();
  await settled();
  assert.deepEqual((await lineNames()).sort(), ['Block plane', 'Whipped cream']);
  assert.equal(await text('#bag-count'), '(4 items)');
  assert.equal(await text('#total-without-tax'), '$101.75');
  assert.equal(await text('#total-tax'), '$0.00');
  assert.equal(await text('#total-discount'), 'none');
  assert.equal(await text('#total-with-tax'), '$101.75');

  // An unknown code is explained; SAVE10 takes 10 % off each product line.
  await provoking(/status of 404/, async () => {
    await page.fill('#promo-code', 'NOPE');
    await page.click('#apply-promo');
    await page.locator('#bag-result .pill.error').waitFor();
  });
  assert.match(await text('#bag-result'), /not found/i);
  await page.fill('#promo-code', 'save10');
  await page.click('#apply-promo');
  await page.locator('#promo-codes:not([hidden])').waitFor();
  assert.match(await text('#promo-codes'), /SAVE10/);
  assert.match(await text('#bag-result'), /saves you \$10\.18/);
  assert.equal(await text('#total-discount'), '-$10.18');
  assert.equal(await text('#total-without-tax'), '$91.57');
  assert.equal(await text('#total-with-tax'), '$91.57');

  // The page shows what the API holds.
  const { meta } = await emulator.api('GET', `/v2/carts/${guestCart}/items`, { token: await emulator.adminToken() });
  assert.equal(meta.display_price.with_tax.formatted, await text('#total-with-tax'));
  assert.equal(meta.display_price.tax.formatted, await text('#total-tax'));
});

test("signing in merges the guest's items into the customer's cart", async () => {
  await page.fill('#email', customer.email);
  await page.fill('#password', customer.password);
  await page.click('#signin');
  await page.locator('#bag-result .pill', { hasText: 'merged' }).waitFor();
  await page.locator('#signin').waitFor({ state: 'hidden' });
  await page.waitForFunction(() => !document.querySelector('.busy'));
  // "Campaign supplies" is the only cart still associated with the customer.
  await page.locator('#current-cart-name', { hasText: 'Campaign supplies' }).waitFor();
  const cart = await text('#current-cart-id');
  assert.notEqual(cart, guestCart);
  assert.equal(await page.evaluate(() => localStorage.getItem('epcart')), cart);
  assert.equal(await text('#current-cart-customers'), 'you');
  assert.deepEqual((await lineNames()).sort(), ['Block plane', 'Whipped cream']);
  assert.equal(await line('Whipped cream').locator('input.qty').inputValue(), '3');
  // The promotion code the guest applied is applied to the merged cart too.
  assert.match(await text('#promo-codes'), /SAVE10/);
  assert.equal(await text('#total-with-tax'), '$91.57');
  assert.match(await text('#log'), /Merge\(/);
  assert.match(await text('#account-link'), new RegExp(customer.email.replaceAll('.', '\\.')));
});

test("checks out as the customer, to an order whose total is the cart's", async () => {
  const cartTotal = await text('#total-with-tax');
  mkdirSync(screenshotDir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshotDir, 'www-storefront.png') });

  await page.click('#start-checkout');
  await page.locator('#checkout-form').waitFor();
  assert.equal(await page.isVisible('#guest-fields'), false, 'a signed-in customer gives no name or email');
  assert.match(await text('#checkout-who'), new RegExp(customer.email.replaceAll('.', '\\.')));
  await page.getByLabel('First name').fill('Ann');
  await page.getByLabel('Last name').fill('Perkins');
  await page.getByLabel('Address', { exact: true }).fill('1 Main Street');
  await page.getByLabel('City').fill('Pawnee');
  await page.getByLabel('Postcode').fill('47998');
  await page.getByLabel('Country').selectOption('US');
  await page.click('#place-order');
  await page.locator('#order').waitFor();
  await page.waitForFunction(() => !document.querySelector('.busy'));

  const orderId = await text('#order-id');
  assert.match(orderId, /^[0-9a-f-]{32,36}$/);
  assert.equal(await text('#order-total'), cartTotal);
  assert.match(await text('#order-status'), /incomplete/);
  assert.equal(await page.locator('#order-items li').count(), 2);
  assert.match(await text('#bag-result'), /ordered/i);
  // The API holds the same order, for this customer, and the cart is empty for next time.
  const { data: order } = await emulator.api('GET', `/v2/orders/${orderId}`, { token: await emulator.adminToken() });
  assert.equal(order.meta.display_price.with_tax.formatted, cartTotal);
  assert.equal(order.relationships.customer.data.id, customer.id);
  await page.locator('#bag-empty').waitFor();
  assert.equal(await page.isVisible('#start-checkout'), false);
});

test('saves a screenshot, with no console errors along the way', async () => {
  await page.click('#admin-meta summary');
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, 'www-demo.png');
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  assert.deepEqual(problems, []);
});
