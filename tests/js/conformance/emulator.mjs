// Talks to the emulator outside any SDK: resets the store, prepares customers and carts with raw
// fetch, and reads the request journal.
import { emulator } from '../lib/env.mjs';

const { admin, api, reset, clearJournal, expireTokens } = emulator;
export const { journal } = emulator;

/**
 * A fresh store holding one customer (with a customer token) and, when `cartId` is given, that
 * cart, filled as `prepare` asks (see PREPARATIONS). Everything a scenario passes to an SDK comes
 * from here, so the three runs get equal arguments (ids and tokens differ per run and are replaced
 * by placeholders before comparing).
 */
export async function prepareStore({ cartId, associate = false, faults = [], prepare = [] } = {}) {
  const unknown = prepare.filter(name => !PREPARATIONS.includes(name));
  if (unknown.length) throw new Error(`unknown preparation: ${unknown.join(', ')}`);
  if (prepare.length && !cartId) throw new Error(`${prepare.join(', ')} needs a cart`);
  await admin('DELETE', '/faults');
  await reset();
  const adminToken = await emulator.adminToken();
  const email = 'ann@example.com';
  const password = 'conformance-pw';
  const { data: customer } = await api('POST', '/v2/customers', {
    token: adminToken,
    body: { data: { type: 'customer', name: 'Ann Perkins', email, password } },
  });
  const { data: token } = await api('POST', '/v2/customers/tokens', {
    token: adminToken,
    body: { data: { type: 'token', authentication_mechanism: 'password', email, password } },
  });
  if (cartId) {
    const discountSettings = prepare.includes('custom discounts')
      ? { discount_settings: { custom_discounts_enabled: true } }
      : {};
    await api('POST', '/v2/carts', {
      token: adminToken,
      body: { data: { id: cartId, name: 'Conformance cart', ...discountSettings } },
    });
    if (associate) {
      await api('POST', `/v2/carts/${cartId}/relationships/customers`, {
        token: adminToken,
        body: { data: [{ type: 'customer', id: customer.id }] },
      });
    }
  }
  const ids = cartId ? await fill(adminToken, cartId, customer.id, prepare) : {};
  for (const rule of faults) await admin('POST', '/faults', rule);
  await clearJournal();
  return {
    expireTokens,
    customerId: customer.id,
    customerToken: token.token,
    email,
    password,
    accountId: 'acc-0001',
    accountToken: 'account-member-token-0001',
    ...ids,
  };
}

/** The catalog's products (every store sells them, with these fixed ids). */
export const PRODUCTS = {
  blockPlane: 'e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a01',
  chiselSet: 'e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a02',
  waffleIron: 'e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a03',
  whippedCream: 'e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a04',
};

export const ADDRESS = {
  first_name: 'Ann',
  last_name: 'Perkins',
  line_1: '2 Main Street',
  city: 'Pawnee',
  postcode: '47998',
  county: 'Wamapoke',
  country: 'US',
};

/**
 * What a scenario's cart can hold before the run, each made with the raw API and named in `ctx`:
 * - 'items': two products, 2 block planes (`itemId`) and a chisel set (`secondItemId`);
 * - 'tax': a tax item on the first item (`taxId`);
 * - 'custom discounts': the cart made with custom discounts enabled, one custom discount on the
 *   cart (`cartDiscountId`) and one on the first item (`itemDiscountId`);
 * - 'guest cart': another cart, `guestCartId`, holding a waffle iron and a block plane (to merge);
 * - 'guest order' / 'customer order': an order (`orderId`) of another cart, checked out by a
 *   guest or by ctx's customer.
 */
export const PREPARATIONS = ['items', 'tax', 'custom discounts', 'guest cart', 'guest order', 'customer order'];

async function fill(token, cartId, customerId, prepare) {
  const ids = {};
  const needsItems = prepare.some(name => ['items', 'tax', 'custom discounts'].includes(name));
  if (needsItems) {
    const added = await addProducts(token, cartId, [[PRODUCTS.blockPlane, 2], [PRODUCTS.chiselSet, 1]]);
    ids.itemId = added[PRODUCTS.blockPlane];
    ids.secondItemId = added[PRODUCTS.chiselSet];
  }
  if (prepare.includes('tax')) {
    const { data } = await api('POST', `/v2/carts/${cartId}/items/${ids.itemId}/taxes`, {
      token,
      body: { data: { type: 'tax_item', name: 'Sales tax', jurisdiction: 'IN', code: 'IN-SALES', rate: 0.07 } },
    });
    ids.taxId = data.id;
  }
  if (prepare.includes('custom discounts')) {
    const discount = code => ({
      type: 'custom_discount',
      amount: -250,
      description: `Prepared ${code}`,
      discount_code: code,
      discount_engine: 'Conformance',
      external_id: `ext-${code}`,
    });
    const cartDiscount = await api('POST', `/v2/carts/${cartId}/custom-discounts`, {
      token,
      body: { data: discount('cart-250') },
    });
    ids.cartDiscountId = cartDiscount.data.id;
    const itemDiscount = await api('POST', `/v2/carts/${cartId}/items/${ids.itemId}/custom-discounts`, {
      token,
      body: { data: discount('item-250') },
    });
    ids.itemDiscountId = itemDiscount.data.id;
  }
  if (prepare.includes('guest cart')) {
    ids.guestCartId = 'conformance-guest-cart';
    await api('POST', '/v2/carts', { token, body: { data: { id: ids.guestCartId, name: 'Guest cart' } } });
    await addProducts(token, ids.guestCartId, [[PRODUCTS.waffleIron, 1], [PRODUCTS.blockPlane, 1]]);
  }
  for (const buyer of ['guest', 'customer']) {
    if (!prepare.includes(`${buyer} order`)) continue;
    const orderCart = `conformance-${buyer}-order-cart`;
    await api('POST', '/v2/carts', { token, body: { data: { id: orderCart, name: 'Checked out' } } });
    await addProducts(token, orderCart, [[PRODUCTS.whippedCream, 3]]);
    const customer = buyer === 'guest' ? { name: 'Guest Buyer', email: 'guest@example.com' } : { id: customerId };
    const { data } = await api('POST', `/v2/carts/${orderCart}/checkout`, {
      token,
      body: { data: { customer, billing_address: ADDRESS, shipping_address: ADDRESS } },
    });
    ids.orderId = data.id;
  }
  return ids;
}

/** Adds `[productId, quantity]` pairs to a cart; returns each product's item id. */
async function addProducts(token, cartId, products) {
  const { data } = await api('POST', `/v2/carts/${cartId}/items`, {
    token,
    body: { data: products.map(([id, quantity]) => ({ type: 'cart_item', id, quantity })) },
  });
  return Object.fromEntries(data.map(item => [item.product_id, item.id]));
}
