// The demo storefront: every call goes through the package, imported by name.
import { gateway, isEpccError, MemoryStorageFactory } from 'epcc-carts';

const $ = id => document.getElementById(id);

// The SDK keeps the shopper's current cart id and its access token in localStorage under these
// keys; the signed-in customer is kept beside them, so every tab of the shop shares all three
// and the `storage` event tells a tab what another one changed.
const CART_KEY = 'epcart';
const CREDENTIALS_KEY = 'epCredentials';
const SESSION_KEY = 'pawnee.customer';
// A tab that changes the items of a cart says so here, so the other tabs showing that cart load
// it again (items live on the server: storage alone would not tell them).
const CART_CHANGED_KEY = 'pawnee.cart-changed';

const storage = {
  get: key => localStorage.getItem(key),
  set: (key, value) => localStorage.setItem(key, value),
  delete: key => localStorage.removeItem(key),
};

const state = {
  connection: null,
  EPCC: null,
  customer: loadCustomer(),
  mine: { offset: 0, limit: null, list: null },
  admin: { offset: 0, list: null },
  clientSecret: '',
  // The items document of the cart on show: `cartId` says which cart it belongs to.
  bag: { cartId: null, items: [], meta: null },
};

// ---------- small helpers ----------

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}

function describeError(err) {
  if (isEpccError(err)) {
    const status = err.status === undefined ? '' : ` · HTTP ${err.status}`;
    return { label: `${err.kind}${status}`, message: err.message };
  }
  return { label: 'error', message: err instanceof Error ? err.message : String(err) };
}

function log(call, outcome, detail, ok = true) {
  const time = new Date().toLocaleTimeString();
  const item = el('li', { className: ok ? 'ok' : 'fail' },
    el('time', { textContent: time }),
    el('code', { className: 'call', textContent: call }),
    el('span', { className: 'outcome', textContent: outcome }),
    detail ? el('span', { className: 'detail', textContent: detail }) : '');
  $('log').prepend(item);
  while ($('log').children.length > 40) $('log').lastChild.remove();
}

// Runs one SDK call, logs it, and turns failures into a readable message in `target`.
async function run(call, fn, target) {
  try {
    const result = await fn();
    log(call, 'ok');
    return result;
  } catch (err) {
    const { label, message } = describeError(err);
    log(call, label, message, false);
    if (target) showResult(target, 'error', `${message}`, label);
    return undefined;
  }
}

function showResult(target, kind, message, label) {
  target.replaceChildren(
    el('span', { className: `pill ${kind}`, textContent: label ?? kind }),
    el('span', { textContent: message }));
}

function busy(button, promise) {
  button.disabled = true;
  button.classList.add('busy');
  return promise.finally(() => {
    button.classList.remove('busy');
    button.disabled = false;
    refreshButtons();
  });
}

function relativeTime(iso) {
  const seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
  const units = [['day', 86400], ['hour', 3600], ['minute', 60]];
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

function shortId(id) {
  return id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

function customersOf(cart) {
  return cart.relationships.customers?.data?.map(c => c.id) ?? [];
}

function loadCustomer() {
  try {
    const saved = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
    return saved && saved.expires * 1000 > Date.now() ? saved : null;
  } catch {
    return null;
  }
}

// ---------- connection ----------

async function initialConnection() {
  let config = {};
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (response.ok) config = await response.json();
  } catch {
    // Served without config.json: fall back to the emulator's default address.
  }
  const query = new URLSearchParams(location.search);
  return {
    host: query.get('host') ?? config.host ?? '127.0.0.1:4010',
    protocol: query.get('protocol') ?? config.protocol ?? 'http',
    client_id: query.get('client_id') ?? config.client_id ?? 'demo-client-id',
    client_secret: query.get('client_secret') ?? config.client_secret ?? '',
    customers: config.customers ?? [],
  };
}

function connect(connection) {
  state.connection = connection;
  state.EPCC = gateway({
    client_id: connection.client_id,
    host: connection.host,
    protocol: connection.protocol,
    application: 'pawnee-provisions-demo',
    storage,
  });
  return state.EPCC;
}

async function checkConnection() {
  const status = $('status');
  status.dataset.state = 'connecting';
  $('status-text').textContent = `Connecting to ${state.connection.host}…`;
  const token = await run('EPCC.Authenticate()', () => state.EPCC.Authenticate());
  markOnline(Boolean(token));
  return Boolean(token);
}

function markOnline(online) {
  $('status').dataset.state = online ? 'online' : 'offline';
  $('status-text').textContent = online
    ? `Connected to ${state.connection.protocol}://${state.connection.host}`
    : `Cannot reach ${state.connection.host}: see Activity`;
}

// ---------- customer ----------

function renderCustomer() {
  const customer = state.customer;
  $('customer-info').hidden = !customer;
  $('signout').hidden = !customer;
  $('signin').hidden = Boolean(customer);
  $('email').disabled = Boolean(customer);
  $('password').disabled = Boolean(customer);
  if (customer) {
    $('customer-email').textContent = customer.email;
    $('customer-id').textContent = customer.id;
    $('customer-expires').textContent = new Date(customer.expires * 1000).toLocaleString();
  }
  $('account-link').textContent = customer ? `Signed in as ${customer.email}` : 'Sign in';
  renderBuyer();
  refreshButtons();
}

async function signIn(event) {
  event.preventDefault();
  const email = $('email').value.trim();
  const password = $('password').value;
  await busy($('signin'), (async () => {
    const res = await run(`EPCC.Customers.Token('${email}', '•••')`,
      () => state.EPCC.Customers.Token(email, password), $('association-result'));
    if (!res) return;
    state.customer = { email, id: res.data.customer_id, token: res.data.token, expires: res.data.expires };
    localStorage.setItem(SESSION_KEY, JSON.stringify(state.customer));
    showResult($('association-result'), 'info', `Welcome back, ${email}.`, 'signed in');
    renderCustomer();
    await loadMine(0);
    await bringCartAlong();
  })());
}

function signOut() {
  localStorage.removeItem(SESSION_KEY);
  showSignedOut('Signed out. The current cart stays on this device.');
  log('sign out', 'ok', 'customer token forgotten');
}

function showSignedOut(message) {
  state.customer = null;
  state.mine.list = null;
  renderMine();
  renderCustomer();
  showResult($('association-result'), 'info', message, 'signed out');
}

// ---------- current cart ----------

async function showCurrentCart() {
  const EPCC = state.EPCC;
  $('current-cart-id').textContent = EPCC.cartId ?? '—';
  const res = await run('EPCC.Carts.Get()', () => EPCC.Carts.Get());
  if (!res) return undefined;
  const cart = res.data;
  $('rename-name').placeholder = cart.name;
  $('current-cart-name').textContent = cart.description ? `${cart.name} · ${cart.description}` : cart.name;
  const ids = customersOf(cart);
  $('current-cart-customers').textContent = ids.length === 0
    ? 'none (guest cart)'
    : ids.map(id => (state.customer && id === state.customer.id ? 'you' : shortId(id))).join(', ');
  return cart;
}

// Makes `cartId` the shopper's current cart through the SDK (`EPCC.cartId = id`, kept in
// storage, so reloads and other tabs follow), or starts a fresh cart id when left out.
function switchCart(cartId) {
  if (!cartId) {
    storage.delete(CART_KEY);
    return connect(state.connection);
  }
  try {
    state.EPCC.cartId = cartId;
    log(`EPCC.cartId = '${shortId(cartId)}'`, 'ok');
  } catch (err) {
    const { label, message } = describeError(err);
    log(`EPCC.cartId = '${shortId(cartId)}'`, label, message, false);
  }
  return state.EPCC;
}

async function renameCart(event) {
  event.preventDefault();
  const name = $('rename-name').value.trim();
  const { EPCC, customer } = state;
  await busy($('rename-cart'), (async () => {
    const res = await run(`EPCC.Carts.UpdateCart({ name: '${name}' }${customer ? ', customerToken' : ''})`,
      () => EPCC.Carts.UpdateCart({ name }, customer?.token), $('association-result'));
    if (!res) return;
    $('rename-name').value = '';
    showResult($('association-result'), 'info', `The current cart is now called “${res.data.name}”.`, 'renamed');
    await Promise.all([showCurrentCart(), state.customer ? loadMine(state.mine.offset) : null]);
  })());
}

// Another tab of the shop changed the shared storage: follow it without a reload.
function followOtherTabs(event) {
  if (event.storageArea !== localStorage) return;
  if (event.key === SESSION_KEY || event.key === null) {
    state.customer = loadCustomer();
    if (state.customer) {
      renderCustomer();
      log('another tab', 'ok', `signed in as ${state.customer.email}`);
      loadMine(0);
    } else {
      showSignedOut('Signed out in another tab.');
      log('another tab', 'ok', 'signed out');
    }
  }
  if (event.key === CART_KEY) {
    log('another tab', 'ok', `switched the current cart to ${shortId(event.newValue ?? '')}`);
    showCart().then(() => renderMine());
  }
  if (event.key === CART_CHANGED_KEY && event.newValue) {
    const { cartId } = JSON.parse(event.newValue);
    if (cartId === state.EPCC.cartId) {
      log('another tab', 'ok', 'changed the items of this cart');
      loadBag();
    }
  }
  if (event.key === CREDENTIALS_KEY && event.newValue) {
    log('another tab', 'ok', 'refreshed the access token; this tab uses it too');
  }
}

async function createCart(event) {
  event.preventDefault();
  const name = $('cart-name').value.trim();
  const description = $('cart-description').value.trim();
  await busy($('create-cart'), (async () => {
    const EPCC = switchCart(null);
    const res = await run(`EPCC.Carts.CreateCart({ name: '${name}', id: EPCC.cartId })`,
      () => EPCC.Carts.CreateCart({ name, description, id: EPCC.cartId }), $('association-result'));
    if (!res) return;
    showResult($('association-result'), 'info', `“${res.data.name}” is now your current cart.`, 'created');
    await showCart();
  })());
}

async function associate() {
  const { EPCC, customer } = state;
  await busy($('associate'), (async () => {
    const res = await run('EPCC.Carts.AddCustomerAssociation(customerId, customerToken)',
      () => EPCC.Carts.AddCustomerAssociation(customer.id, customer.token), $('association-result'));
    if (!res) return;
    if (res.data) {
      showResult($('association-result'), 'success', 'This cart now follows you to every device.', 'associated');
    } else {
      showResult($('association-result'), 'neutral', 'This cart was already associated with you (HTTP 204).', 'already associated');
    }
    await Promise.all([showCurrentCart(), loadMine(0)]);
  })());
}

async function disassociate(cartId = null) {
  const { customer } = state;
  const endpoint = cartId ? state.EPCC.Cart(cartId) : state.EPCC.Carts;
  const call = cartId
    ? `EPCC.Cart('${shortId(cartId)}').RemoveCustomerAssociation(customerId, customerToken)`
    : 'EPCC.Carts.RemoveCustomerAssociation(customerId, customerToken)';
  const res = await run(call, () => endpoint.RemoveCustomerAssociation(customer.id, customer.token), $('association-result'));
  if (!res) return;
  showResult($('association-result'), 'neutral', `Cart ${shortId(endpoint.cartId ?? '')} is no longer associated with you.`, 'removed');
  await Promise.all([showCurrentCart(), loadMine(state.mine.offset)]);
}

// ---------- lists ----------

function cartsTable(list, { mine }) {
  if (list.data.length === 0) {
    return el('p', { className: 'empty', textContent: mine ? 'No carts are associated with you yet: associate the current cart above.' : 'The store has no carts.' });
  }
  const head = el('tr', {}, ...['Cart', 'Id', 'Updated', mine ? '' : 'Customers', ''].map(t => el('th', { textContent: t })));
  const rows = list.data.map(cart => {
    const current = cart.id === state.EPCC.cartId;
    const actions = el('td', { className: 'row-actions' });
    if (mine) {
      const make = el('button', { type: 'button', className: 'ghost small', textContent: current ? 'Current' : 'Make current', disabled: current });
      make.addEventListener('click', async () => {
        switchCart(cart.id);
        log(`switch to cart ${shortId(cart.id)}`, 'ok');
        await showCart();
        renderMine();
      });
      const remove = el('button', { type: 'button', className: 'ghost small danger', textContent: 'Remove' });
      remove.addEventListener('click', () => busy(remove, disassociate(cart.id)));
      actions.append(make, remove);
    }
    const customers = customersOf(cart);
    return el('tr', { className: current ? 'current' : '' },
      el('td', {}, el('strong', { textContent: cart.name }), el('div', { className: 'sub', textContent: cart.description ?? '' })),
      el('td', {}, el('code', { textContent: shortId(cart.id), title: cart.id })),
      el('td', { textContent: relativeTime(cart.meta.timestamps.updated_at), title: cart.meta.timestamps.updated_at }),
      el('td', { textContent: mine ? '' : (customers.length ? customers.map(shortId).join(', ') : 'guest') }),
      actions);
  });
  return el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows));
}

function pager(target, list, go) {
  const { current, total, limit, offset } = list.meta.page;
  const prev = el('button', { type: 'button', className: 'ghost small', textContent: '‹ Newer', disabled: offset === 0 });
  const next = el('button', { type: 'button', className: 'ghost small', textContent: 'Older ›', disabled: !list.links.next });
  prev.addEventListener('click', () => go(Math.max(offset - limit, 0), limit));
  next.addEventListener('click', () => go(offset + limit, limit));
  target.replaceChildren(prev, el('span', { className: 'page', textContent: `page ${current} of ${total}` }), next);
}

function renderMeta(prefix, list) {
  const { page, results } = list.meta;
  $(`${prefix}-meta`).hidden = false;
  $(`${prefix}-summary`).textContent = `${results.total} ${results.total === 1 ? 'cart' : 'carts'} · page ${page.current}/${page.total} · limit ${page.limit}, offset ${page.offset}`;
  $(`${prefix}-meta-json`).textContent = JSON.stringify({ links: list.links, meta: list.meta }, null, 2);
}

function renderMine() {
  const list = state.mine.list;
  if (!state.customer || !list) {
    $('mine-table').replaceChildren(el('p', { className: 'empty', textContent: 'Sign in to see the carts associated with you.' }));
    $('mine-pager').replaceChildren();
    $('mine-meta').hidden = true;
    return;
  }
  $('mine-table').replaceChildren(cartsTable(list, { mine: true }));
  pager($('mine-pager'), list, (offset, limit) => loadMine(offset, limit));
  renderMeta('mine', list);
}

async function loadMine(offset = 0, limit = Number($('mine-limit').value) || null) {
  const { EPCC, customer } = state;
  if (!customer) return;
  const useDefault = limit === null && offset === 0;
  const list = await run(
    useDefault
      ? 'EPCC.Carts.GetCartsList(customerToken)'
      : `EPCC.Carts.Limit(${limit ?? 25}).Offset(${offset}).All(customerToken)`,
    () => (useDefault
      ? EPCC.Carts.GetCartsList(customer.token)
      : EPCC.Carts.Limit(limit ?? 25).Offset(offset).All(customer.token)),
    $('association-result'));
  if (!list) return;
  state.mine = { offset, limit, list };
  renderMine();
}

async function loadAdmin(offset = 0) {
  const secret = $('client-secret').value;
  const limit = Number($('admin-limit').value);
  if (!secret) {
    $('admin-table').replaceChildren(el('p', { className: 'empty error-text', textContent: 'Enter the store’s client secret first.' }));
    return;
  }
  const list = await run(`Admin.Carts.Limit(${limit}).Offset(${offset}).All()`, () => {
    // A separate client_credentials gateway, with its token in memory only.
    const Admin = gateway({
      client_id: state.connection.client_id,
      client_secret: secret,
      host: state.connection.host,
      protocol: state.connection.protocol,
      storage: new MemoryStorageFactory(),
      disableCart: true,
    });
    return Admin.Carts.Limit(limit).Offset(offset).All();
  }, $('admin-table'));
  if (!list) return;
  state.admin = { offset, list };
  $('admin-table').replaceChildren(cartsTable(list, { mine: false }));
  pager($('admin-pager'), list, next => loadAdmin(next));
  renderMeta('admin', list);
}

function refreshButtons() {
  const signedIn = Boolean(state.customer);
  for (const id of ['associate', 'disassociate', 'refresh-mine']) {
    if (!$(id).classList.contains('busy')) $(id).disabled = !signedIn;
  }
  $('signin').disabled = false;
}

// ---------- the shop: catalog ----------

// The SDK has no catalog call: the catalog is read with a plain fetch, using the access token the
// SDK keeps in storage (any valid client token may read the shopper catalog), or a new one from
// EPCC.Authenticate() when there is none or it was refused.
async function catalogToken(fresh) {
  if (!fresh) {
    try {
      const stored = JSON.parse(localStorage.getItem(CREDENTIALS_KEY) ?? 'null');
      if (stored?.access_token && stored.expires * 1000 > Date.now()) return stored.access_token;
    } catch {
      // Not JSON: ask the SDK for a token below.
    }
  }
  return (await state.EPCC.Authenticate()).access_token;
}

async function loadCatalog() {
  const { protocol, host } = state.connection;
  const url = `${protocol}://${host}/catalog/products`;
  const get = async fresh => fetch(url, { headers: { authorization: `Bearer ${await catalogToken(fresh)}` } });
  $('products').setAttribute('aria-busy', 'true');
  try {
    let response = await get(false);
    if (response.status === 401) response = await get(true);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { data } = await response.json();
    log('GET /catalog/products', 'ok', `${data.length} products`);
    renderCatalog(data);
  } catch (err) {
    const { label, message } = describeError(err);
    log('GET /catalog/products', label, message, false);
    $('products').replaceChildren(el('li', { className: 'empty error-text', textContent: `The catalog could not be loaded: ${message}` }));
  } finally {
    $('products').setAttribute('aria-busy', 'false');
  }
}

function renderCatalog(products) {
  if (products.length === 0) {
    $('products').replaceChildren(el('li', { className: 'empty', textContent: 'Nothing for sale today.' }));
    return;
  }
  $('products').replaceChildren(...products.map(product => {
    const { name, description } = product.attributes;
    const titleId = `product-${product.id}`;
    const swatch = el('div', { className: 'swatch', textContent: name.slice(0, 1) });
    swatch.setAttribute('aria-hidden', 'true');
    const add = el('button', { type: 'button', className: 'add', textContent: 'Add to cart' });
    add.setAttribute('aria-describedby', titleId);
    add.addEventListener('click', () => busy(add, addToCart(product)));
    const card = el('li', { className: 'product' },
      swatch,
      el('h3', { id: titleId, textContent: name }),
      el('p', { className: 'description', textContent: description }),
      el('p', { className: 'price', textContent: product.meta.display_price.without_tax.formatted }),
      add);
    card.dataset.productId = product.id;
    return card;
  }));
}

// ---------- the shop: the current cart's items ----------

// Loads the items of the current cart and shows them, unless the shopper switched carts meanwhile.
async function loadBag() {
  const EPCC = state.EPCC;
  const cartId = EPCC.cartId;
  const res = await run('EPCC.Carts.Items()', () => EPCC.Carts.Items(), $('bag-result'));
  if (res && cartId === EPCC.cartId) renderBag(res, cartId);
  return res;
}

// The cart panel and the shop together, after the current cart changed.
async function showCart() {
  const cart = await showCurrentCart();
  if (cart) await loadBag();
  return cart;
}

function renderBag(doc, cartId = state.EPCC.cartId) {
  const items = doc.data.filter(item => item.type !== 'promotion_item');
  state.bag = { cartId, items, meta: doc.meta };
  const count = items.reduce((sum, item) => sum + item.quantity, 0);
  $('bag-count').textContent = count ? `(${count} ${count === 1 ? 'item' : 'items'})` : '';
  $('bag-empty').hidden = items.length > 0;
  $('bag-items').replaceChildren(...items.map(itemRow));

  const price = doc.meta.display_price;
  $('totals').hidden = items.length === 0;
  $('promo-form').hidden = items.length === 0;
  $('total-discount').textContent = price.discount.amount === 0 ? 'none' : price.discount.formatted;
  $('total-without-tax').textContent = price.without_tax.formatted;
  $('total-tax').textContent = price.tax.formatted;
  $('total-with-tax').textContent = price.with_tax.formatted;
  const codes = Object.keys(price.discounts ?? {});
  $('promo-codes').hidden = codes.length === 0;
  $('promo-codes').textContent = codes.length ? `Applied: ${codes.join(', ')}` : '';

  if (items.length === 0) $('checkout-form').hidden = true;
  $('start-checkout').hidden = items.length === 0 || !$('checkout-form').hidden;
}

function itemRow(item) {
  const price = item.meta.display_price;
  const label = `Quantity of ${item.name}`;
  const quantity = el('input', { type: 'number', className: 'qty', min: 0, max: 1000000, value: item.quantity, inputMode: 'numeric' });
  quantity.setAttribute('aria-label', label);
  quantity.addEventListener('change', () => {
    const wanted = Number(quantity.value);
    if (Number.isInteger(wanted) && wanted >= 0 && wanted <= 1000000) changeQuantity(item, wanted);
    else quantity.value = item.quantity;
  });
  const step = (text, delta, what) => {
    const button = el('button', { type: 'button', className: 'ghost small step', textContent: text });
    button.setAttribute('aria-label', `${what} ${item.name}`);
    button.addEventListener('click', () => changeQuantity(item, item.quantity + delta));
    return button;
  };
  const remove = el('button', { type: 'button', className: 'ghost small danger', textContent: 'Remove' });
  remove.setAttribute('aria-label', `Remove ${item.name}`);
  remove.addEventListener('click', () => removeItem(item));
  const discount = price.discount.value.amount === 0
    ? ''
    : el('div', { className: 'line-discount', textContent: `${price.discount.value.formatted} off` });
  const row = el('li', { className: 'bag-item' },
    el('div', { className: 'line-name' },
      el('strong', { textContent: item.name }),
      el('div', { className: 'sub', textContent: `${price.without_discount.unit.formatted} each` })),
    el('div', { className: 'line-qty' }, step('−', -1, 'One less'), quantity, step('+', 1, 'One more')),
    el('div', { className: 'line-total' }, el('span', { textContent: price.without_discount.value.formatted }), discount),
    el('div', { className: 'line-remove' }, remove));
  row.dataset.itemId = item.id;
  return row;
}

// Tells the other tabs of the shop that the items of the current cart changed.
function announceCartChange() {
  localStorage.setItem(CART_CHANGED_KEY, JSON.stringify({ cartId: state.EPCC.cartId, at: Date.now() }));
}

// Runs a call that answers with the cart's items document, with the cart panel marked busy, and
// shows the answer. On a failure the cart is loaded again, so what is shown stays true.
async function bagCall(call, fn, message) {
  const panel = $('bag-panel');
  panel.setAttribute('aria-busy', 'true');
  panel.classList.add('updating');
  try {
    const res = await run(call, fn, $('bag-result'));
    if (!res) {
      await loadBag();
      return undefined;
    }
    if (res.data) renderBag(res);
    else await loadBag();
    announceCartChange();
    if (message) showResult($('bag-result'), 'success', message, 'updated');
    return res;
  } finally {
    panel.classList.remove('updating');
    panel.setAttribute('aria-busy', 'false');
  }
}

async function addToCart(product) {
  const { EPCC, customer } = state;
  const { name } = product.attributes;
  hideOrder();
  const res = await bagCall(`EPCC.Carts.AddProduct('${shortId(product.id)}', 1${customer ? ', {}, false, customerToken' : ''})`,
    () => (customer ? EPCC.Carts.AddProduct(product.id, 1, {}, false, customer.token) : EPCC.Carts.AddProduct(product.id, 1)));
  if (res) showResult($('bag-result'), 'success', `${name} is in your cart.`, 'added');
}

async function changeQuantity(item, quantity) {
  if (quantity === item.quantity) return;
  const { EPCC } = state;
  await bagCall(`EPCC.Carts.UpdateItemQuantity('${shortId(item.id)}', ${quantity})`,
    () => EPCC.Carts.UpdateItemQuantity(item.id, quantity),
    quantity === 0 ? `${item.name} is out of your cart.` : `${item.name}: ${quantity} in your cart.`);
}

async function removeItem(item) {
  const { EPCC } = state;
  await bagCall(`EPCC.Carts.RemoveItem('${shortId(item.id)}')`, () => EPCC.Carts.RemoveItem(item.id),
    `${item.name} is out of your cart.`);
}

async function applyPromotion(event) {
  event.preventDefault();
  const { EPCC, customer } = state;
  const code = $('promo-code').value.trim();
  await busy($('apply-promo'), (async () => {
    const res = await bagCall(`EPCC.Carts.AddPromotion('${code}'${customer ? ', customerToken' : ''})`,
      () => (customer ? EPCC.Carts.AddPromotion(code, customer.token) : EPCC.Carts.AddPromotion(code)));
    if (!res) return;
    $('promo-code').value = '';
    const saved = res.meta.display_price.discounts?.[code.toUpperCase()];
    showResult($('bag-result'), 'success',
      saved ? `Code ${code.toUpperCase()} saves you ${saved.formatted.replace('-', '')}.` : `Code ${code.toUpperCase()} applied.`, 'promotion');
  })());
}

// ---------- the shop: signing in with a cart ----------

function newCartId() {
  return crypto.randomUUID().replaceAll('-', '');
}

// After sign-in, the shopper's cart follows the customer: what was picked as a guest is merged
// into the customer's newest cart (one is created, associated by the customer token, if the
// customer has none), and a shopper with an empty cart picks up the customer's saved cart if it
// has items. Either way that cart becomes current, and other tabs follow through storage.
async function bringCartAlong() {
  const { EPCC, customer } = state;
  const guestId = EPCC.cartId;
  const carts = state.mine.list?.data ?? [];
  if (!customer || !guestId || carts.some(cart => cart.id === guestId)) return;
  const picked = state.bag.cartId === guestId ? state.bag.items : [];
  let target = carts[0]?.id;
  let items;
  if (picked.length > 0) {
    // Merging moves items, not the promotion codes the guest applied: those are applied again.
    const codes = new Set(picked.flatMap(item => (item.discounts ?? []).map(discount => discount.code)));
    if (!target) {
      const id = newCartId();
      const created = await run(`EPCC.Carts.CreateCart({ name: 'Shopping cart', id: '${shortId(id)}' }, customerToken)`,
        () => EPCC.Carts.CreateCart({ name: 'Shopping cart', id }, customer.token), $('bag-result'));
      if (!created) return;
      target = created.data.id;
    }
    items = await run(`EPCC.Cart('${shortId(target)}').Merge('${shortId(guestId)}', customerToken)`,
      () => EPCC.Cart(target).Merge(guestId, customer.token), $('bag-result'));
    if (!items) return;
    for (const code of codes) {
      items = (await run(`EPCC.Cart('${shortId(target)}').AddPromotion('${code}', customerToken)`,
        () => EPCC.Cart(target).AddPromotion(code, customer.token))) ?? items;
    }
    const count = picked.reduce((sum, item) => sum + item.quantity, 0);
    showResult($('bag-result'), 'success',
      `The ${count === 1 ? 'item' : `${count} items`} you picked ${count === 1 ? 'is' : 'are'} in your cart now, on every device you sign in on.`, 'merged');
  } else if (target) {
    items = await run(`EPCC.Cart('${shortId(target)}').Items()`, () => EPCC.Cart(target).Items(), $('bag-result'));
    if (!items || items.data.length === 0) return;
    showResult($('bag-result'), 'info', 'Welcome back: here is the cart you saved.', 'your cart');
  } else {
    return;
  }
  switchCart(target);
  renderBag(items, target);
  await Promise.all([showCurrentCart(), loadMine(0)]);
}

// ---------- the shop: checkout ----------

function renderBuyer() {
  const customer = state.customer;
  $('guest-fields').hidden = Boolean(customer);
  $('checkout-name').required = !customer;
  $('checkout-email').required = !customer;
  $('checkout-who').textContent = customer
    ? `Ordering as ${customer.email}.`
    : 'Ordering as a guest. Sign in to order as a customer.';
}

function openCheckout() {
  hideOrder();
  renderBuyer();
  $('checkout-form').hidden = false;
  $('start-checkout').hidden = true;
  (state.customer ? $('first-name') : $('checkout-name')).focus();
}

function closeCheckout() {
  $('checkout-form').hidden = true;
  $('start-checkout').hidden = state.bag.items.length === 0;
  $('start-checkout').focus();
}

function hideOrder() {
  $('order').hidden = true;
}

async function placeOrder(event) {
  event.preventDefault();
  const { EPCC, customer } = state;
  const form = new FormData($('checkout-form'));
  const address = {};
  for (const field of ['first_name', 'last_name', 'line_1', 'city', 'postcode', 'country']) {
    address[field] = String(form.get(field) ?? '').trim();
  }
  const cartTotal = state.bag.meta.display_price.with_tax;
  await busy($('place-order'), (async () => {
    // A customer orders by id, with the customer token that proves who they are; a guest gives a
    // name and an email. The shipping address is the billing address.
    const res = customer
      ? await run('EPCC.Carts.Checkout(customerId, address, address, { \'X-Moltin-Customer-Token\': customerToken })',
        () => EPCC.Carts.Checkout(customer.id, address, address, { 'X-Moltin-Customer-Token': customer.token }), $('bag-result'))
      : await run('EPCC.Carts.Checkout({ name, email }, address)',
        () => EPCC.Carts.Checkout({ name: String(form.get('name')).trim(), email: String(form.get('email')).trim() }, address), $('bag-result'));
    if (!res) return;
    const orderId = res.data.id;
    const [order, lines] = await Promise.all([
      run(`EPCC.Orders.Get('${shortId(orderId)}'${customer ? ', customerToken' : ''})`, () => EPCC.Orders.Get(orderId, customer?.token)),
      run(`EPCC.Orders.Items('${shortId(orderId)}'${customer ? ', customerToken' : ''})`, () => EPCC.Orders.Items(orderId, customer?.token)),
    ]);
    showOrder(order?.data ?? res.data, lines?.data ?? [], cartTotal);
    // The order keeps its own copy of the items: empty the cart for the next order.
    if (await run('EPCC.Carts.RemoveAllItems()', () => EPCC.Carts.RemoveAllItems())) {
      await loadBag();
      announceCartChange();
    }
  })());
}

function showOrder(order, lines, cartTotal) {
  const total = order.meta.display_price.with_tax;
  $('checkout-form').hidden = true;
  $('order').hidden = false;
  $('order-id').textContent = order.id;
  $('order-status').textContent = `${order.status} · payment ${order.payment} · ${order.shipping}`;
  $('order-total').textContent = total.formatted;
  $('order-items').replaceChildren(...lines.map(line => el('li', {},
    el('span', { textContent: `${line.quantity} × ${line.name}` }),
    el('span', { textContent: line.meta?.display_price?.with_tax?.value?.formatted ?? '' }))));
  $('order-note').textContent = total.amount === cartTotal.amount
    ? `The total is your cart's, ${cartTotal.formatted}. Your cart is empty again for next time.`
    : `Your cart showed ${cartTotal.formatted}; the order total above is what you pay.`;
  $('order').focus();
  showResult($('bag-result'), 'success', `Order ${shortId(order.id)} is placed.`, 'ordered');
}

// ---------- start ----------

async function start() {
  const connection = await initialConnection();
  $('host').value = connection.host;
  $('protocol').value = connection.protocol;
  $('client-id').value = connection.client_id;
  $('client-secret').value = connection.client_secret;
  if (connection.customers.length > 0) {
    $('email').value = connection.customers[0].email;
    $('password').value = connection.customers[0].password;
    const accounts = $('demo-accounts');
    accounts.hidden = false;
    accounts.append('Demo accounts: ');
    connection.customers.forEach(({ email, password }, i) => {
      const link = el('button', { type: 'button', className: 'link', textContent: email });
      link.addEventListener('click', () => {
        if (state.customer) signOut();
        $('email').value = email;
        $('password').value = password;
      });
      accounts.append(i ? ', ' : '', link);
    });
  }
  connect(connection);
  // Listen before the first network call: another tab opened at the same moment may store its
  // cart id while this one waits for its cart, and that change must not be missed.
  window.addEventListener('storage', followOtherTabs);
  renderCustomer();
  // Opening the page asks for a token only when storage holds no fresh one (several tabs opened
  // at once share a single token request); the Connect button asks for a new one.
  if (await showCurrentCart()) {
    markOnline(true);
    // The cart needed a token; the catalog reads the one the SDK stored.
    await Promise.all([loadBag(), loadCatalog(), state.customer ? loadMine(0) : null]);
  } else {
    markOnline(false);
  }

  $('connection-form').addEventListener('submit', async event => {
    event.preventDefault();
    connect({ ...state.connection, host: $('host').value.trim(), protocol: $('protocol').value, client_id: $('client-id').value.trim() });
    if (await checkConnection()) await Promise.all([showCart(), loadCatalog()]);
  });
  $('bag-refresh').addEventListener('click', () => busy($('bag-refresh'), loadBag()));
  $('promo-form').addEventListener('submit', applyPromotion);
  $('start-checkout').addEventListener('click', openCheckout);
  $('cancel-checkout').addEventListener('click', closeCheckout);
  $('continue-shopping').addEventListener('click', () => {
    hideOrder();
    $('products').querySelector('button')?.focus();
  });
  $('checkout-form').addEventListener('submit', placeOrder);
  $('signin-form').addEventListener('submit', signIn);
  $('signout').addEventListener('click', signOut);
  $('create-form').addEventListener('submit', createCart);
  $('rename-form').addEventListener('submit', renameCart);
  $('associate').addEventListener('click', associate);
  $('disassociate').addEventListener('click', () => busy($('disassociate'), disassociate()));
  $('refresh-mine').addEventListener('click', () => busy($('refresh-mine'), loadMine(0)));
  $('mine-limit').addEventListener('change', () => loadMine(0));
  $('admin-form').addEventListener('submit', event => {
    event.preventDefault();
    busy($('admin-list'), loadAdmin(0));
  });
  document.body.dataset.ready = 'true';
}

start().catch(err => {
  const { label, message } = describeError(err);
  $('status').dataset.state = 'offline';
  $('status-text').textContent = `The demo could not start: ${message}`;
  log('start', label, message, false);
});
