// The seed page's promise, end to end in the www demo: once a cart is associated with a customer,
// "the customer can access those carts across any device". Two isolated browser contexts are two
// devices; two pages of one context are two tabs sharing localStorage.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { CLIENT_ID, CLIENT_SECRET, EMULATOR_URL, createCustomer, emulator, startServer } from './lib/env.mjs';
import { launch, openPage, watch } from './lib/browser.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let www, browser, customer;
const opened = [];

before(async () => {
  customer = await createCustomer('journey');
  www = await startServer(process.execPath, ['www/server.js', '--port', '0'], {
    cwd: repo,
    env: { ...process.env, EPCC_EMULATOR_URL: EMULATOR_URL, EPCC_CLIENT_ID: CLIENT_ID, EPCC_CLIENT_SECRET: CLIENT_SECRET },
  });
  browser = await launch();
});

after(async () => {
  try {
    await browser?.close();
  } finally {
    await www?.stop();
  }
  for (const { problems } of opened) assert.deepEqual(problems, [], 'no console errors, uncaught errors or failed requests');
});

/** A new device: its own context, so its own localStorage. */
async function device() {
  const opened_ = await openPage(browser);
  opened.push(opened_);
  await load(opened_.page);
  return opened_.page;
}

async function load(page) {
  // A reload aborts the calls still in flight (a rename also refreshes the list): let them end.
  await page.waitForFunction(() => !document.querySelector('.busy'));
  await page.goto(www.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  await page.locator('#status[data-state="online"]').waitFor();
}

async function signIn(page) {
  await page.fill('#email', customer.email);
  await page.fill('#password', customer.password);
  await page.click('#signin');
  await page.locator('#customer-info:not([hidden])').waitFor();
}

const text = (page, selector) => page.locator(selector).innerText();

const journal = async () => (await emulator.journal()).filter(r => r.method !== 'OPTIONS');
const { clearJournal } = emulator;

test('a cart made on device A is picked up, switched to and changed on device B', async () => {
  // Device A: an anonymous cart first, then sign-in and association.
  const a = await device();
  await a.fill('#cart-name', 'Road trip snacks');
  await a.fill('#cart-description', 'made on device A');
  await a.click('#create-cart');
  await a.locator('#association-result .pill', { hasText: 'created' }).waitFor();
  const cartA = await text(a, '#current-cart-id');
  assert.match(cartA, /^[0-9a-f]{32}$/);
  assert.match(await text(a, '#current-cart-customers'), /guest/);
  await signIn(a);
  await a.click('#associate');
  await a.locator('#association-result .pill', { hasText: 'associated' }).waitFor();
  // The page shows the result first, then reloads the cart.
  await a.locator('#current-cart-customers', { hasText: 'you' }).waitFor();

  // Device B: its own anonymous cart, then the same customer signs in.
  const b = await device();
  const ownB = await text(b, '#current-cart-id');
  assert.notEqual(ownB, cartA, 'device B starts with a cart of its own');
  await signIn(b);
  await b.locator('#mine-table tbody tr').first().waitFor();
  const top = b.locator('#mine-table tbody tr').first();
  assert.match(await top.innerText(), /Road trip snacks/, "device A's cart is at the top of GetCartsList");
  assert.equal(await top.locator('code').getAttribute('title'), cartA);

  // Switch to it and change it.
  await top.locator('button', { hasText: 'Make current' }).click();
  await b.locator('#current-cart-id', { hasText: cartA }).waitFor();
  assert.equal(await b.evaluate(() => localStorage.getItem('epcart')), cartA, 'the switch is kept in storage');
  await b.fill('#rename-name', 'Road trip snacks + drinks');
  await b.click('#rename-cart');
  await b.locator('#association-result .pill', { hasText: 'renamed' }).waitFor();
  await b.locator('#current-cart-name', { hasText: 'Road trip snacks + drinks' }).waitFor();

  // A reload on device B keeps the switched cart.
  await load(b);
  assert.equal(await text(b, '#current-cart-id'), cartA);

  // Device A sees the change after a refresh.
  await load(a);
  assert.equal(await text(a, '#current-cart-id'), cartA);
  assert.match(await text(a, '#current-cart-name'), /Road trip snacks \+ drinks/);

  // And the renamed cart moved to the top of the customer's list on both devices.
  await a.click('#refresh-mine');
  await a.locator('#mine-table tbody tr').first().filter({ hasText: 'Road trip snacks + drinks' }).waitFor();
});

test('tabs share sign-out, the current cart and token refreshes, and start with one token request', async () => {
  const { page: first, problems } = await openPage(browser);
  opened.push({ problems });
  const context = first.context();
  await clearJournal();
  // Three tabs of a fresh profile opened at once make one token request between them.
  const tabs = [first, watch(await context.newPage(), problems), watch(await context.newPage(), problems)];
  await Promise.all(tabs.map(load));
  const tokenRequests = (await journal()).filter(r => r.path === '/oauth/access_token');
  assert.equal(tokenRequests.length, 1, 'one token request for three tabs');
  const [one, two] = tabs;
  // Tabs that started together may each have made a cart id; the last one stored wins, and every
  // tab follows it through the storage event.
  const shared = await one.evaluate(() => localStorage.getItem('epcart'));
  for (const tab of tabs) await tab.locator('#current-cart-id', { hasText: shared }).waitFor();

  // Sign in in tab one: tab two follows; sign out in tab two: tab one follows.
  await signIn(one);
  await two.locator('#customer-info:not([hidden])').waitFor();
  assert.equal(await text(two, '#customer-email'), customer.email);
  await two.click('#signout');
  await one.locator('#customer-info[hidden]').waitFor({ state: 'attached' });
  await one.locator('#association-result', { hasText: 'Signed out in another tab' }).waitFor();

  // A token refresh in tab one (Connect asks for a new token) is used by tab two as it is.
  // Tab two may already have logged the token tab one stored when they opened: wait for one more.
  const refreshed = two.locator('#log li', { hasText: 'refreshed the access token' });
  const seen = await refreshed.count();
  await clearJournal();
  await one.click('#connection-form button[type="submit"]');
  await one.locator('#status[data-state="online"]').waitFor();
  await refreshed.nth(seen).waitFor();
  const fresh = JSON.parse(await one.evaluate(() => localStorage.getItem('epCredentials'))).access_token;
  await two.fill('#rename-name', 'renamed in tab two');
  await two.click('#rename-cart');
  await two.locator('#association-result .pill', { hasText: 'renamed' }).waitFor();
  const requests = await journal();
  assert.equal(requests.filter(r => r.path === '/oauth/access_token').length, 1, "only tab one's refresh");
  const rename = requests.find(r => r.method === 'PUT');
  assert.equal(rename.headers.authorization, `Bearer ${fresh}`, "tab two sends tab one's new token");

  // Switching the cart in tab two moves tab one too.
  const other = 'switched-in-tab-two';
  await two.evaluate(id => { localStorage.setItem('epcart', id); }, other);
  await one.locator('#current-cart-id', { hasText: other }).waitFor();
});

// ---------- the storefront across devices ----------

const lineNames = async page => (await page.locator('#bag-items .bag-item strong').allInnerTexts()).sort();
// Item calls mark the cart panel busy from the click until the answer is shown.
const settled = page => page.locator('#bag-panel[aria-busy="false"]').waitFor({ state: 'attached' });
const idle = page => page.waitForFunction(() => !document.querySelector('.busy'));

async function addToCart(page, name) {
  await page.locator('#products .product', { has: page.locator('h3', { hasText: name }) })
    .getByRole('button', { name: 'Add to cart' }).click();
  await settled(page);
  await page.locator('#bag-items .bag-item', { hasText: name }).waitFor();
}

async function signInAs(page, who) {
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await page.click('#signin');
  await page.locator('#customer-info:not([hidden])').waitFor();
  await idle(page);
}

test("a guest's cart is merged on sign-in, changed on another device, and checked out on the first", async () => {
  const shopper = await createCustomer('merge');

  // Device A: a guest fills a cart, then signs in; the items move into the customer's cart.
  const a = await device();
  await addToCart(a, 'Block plane');
  await addToCart(a, 'Chisel set');
  await addToCart(a, 'Waffle iron');
  await a.getByRole('button', { name: 'One more Waffle iron' }).click();
  await settled(a);
  const guestCart = await text(a, '#current-cart-id');
  await signInAs(a, shopper);
  await a.locator('#bag-result .pill', { hasText: 'merged' }).waitFor();
  const cart = await text(a, '#current-cart-id');
  assert.notEqual(cart, guestCart, "the items moved into the customer's own cart");
  assert.equal(await text(a, '#current-cart-customers'), 'you');
  assert.deepEqual(await lineNames(a), ['Block plane', 'Chisel set', 'Waffle iron']);

  // Device B: the same customer signs in with an empty cart and picks up the merged one.
  const b = await device();
  assert.notEqual(await text(b, '#current-cart-id'), cart);
  await signInAs(b, shopper);
  await b.locator('#bag-result .pill', { hasText: 'your cart' }).waitFor();
  assert.equal(await text(b, '#current-cart-id'), cart);
  assert.deepEqual(await lineNames(b), ['Block plane', 'Chisel set', 'Waffle iron']);
  assert.equal(await b.getByRole('spinbutton', { name: 'Quantity of Waffle iron' }).inputValue(), '2');
  assert.equal(await text(b, '#total-with-tax'), await text(a, '#total-with-tax'));
  // A second tab on device B shows the same cart, and follows the first tab's changes at once.
  const tab = watch(await b.context().newPage(), opened.at(-1).problems);
  await load(tab);
  assert.deepEqual(await lineNames(tab), ['Block plane', 'Chisel set', 'Waffle iron']);
  await b.getByRole('button', { name: 'Remove Chisel set' }).click();
  await settled(b);
  assert.deepEqual(await lineNames(b), ['Block plane', 'Waffle iron']);
  await tab.locator('#bag-items .bag-item', { hasText: 'Chisel set' }).waitFor({ state: 'detached' });
  await idle(tab);
  const totalB = await text(b, '#total-with-tax');

  // Device A still shows the chisels until it loads the cart again: its Refresh button does.
  assert.deepEqual(await lineNames(a), ['Block plane', 'Chisel set', 'Waffle iron']);
  await a.click('#bag-refresh');
  await idle(a);
  assert.deepEqual(await lineNames(a), ['Block plane', 'Waffle iron']);
  const cartTotal = await text(a, '#total-with-tax');
  assert.equal(cartTotal, totalB);
  assert.equal(cartTotal, '$168.98');
  // A reload shows the same.
  await load(a);
  assert.deepEqual(await lineNames(a), ['Block plane', 'Waffle iron']);

  // Device A checks out; the order's total is the cart's.
  await a.click('#start-checkout');
  await a.getByLabel('First name').fill('Ben');
  await a.getByLabel('Last name').fill('Wyatt');
  await a.getByLabel('Address', { exact: true }).fill('2 Ice Town Road');
  await a.getByLabel('Postcode').fill('47998');
  await a.click('#place-order');
  await a.locator('#order').waitFor();
  await idle(a);
  assert.equal(await text(a, '#order-total'), cartTotal);
  const orderId = await text(a, '#order-id');
  const admin = await emulator.adminToken();
  const { data: order } = await emulator.api('GET', `/v2/orders/${orderId}`, { token: admin });
  assert.equal(order.meta.display_price.with_tax.formatted, cartTotal);
  assert.equal(order.relationships.customer.data.id, shopper.id);
  const { data: lines } = await emulator.api('GET', `/v2/orders/${orderId}/items`, { token: admin });
  assert.deepEqual(lines.map(l => `${l.quantity} ${l.name}`).sort(), ['1 Block plane', '2 Waffle iron']);
});
