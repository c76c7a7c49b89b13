// Talks to the emulator outside any SDK: resets the store, prepares customers and carts with raw
// fetch, and reads the request journal.
import { CLIENT_ID, CLIENT_SECRET, EMULATOR_URL } from '../lib/env.mjs';

async function admin(method, path, body) {
  const response = await fetch(`${EMULATOR_URL}/__emulator${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} /__emulator${path}: HTTP ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

export const reset = () => admin('POST', '/reset', { empty: true });
export const clearJournal = () => admin('DELETE', '/requests');
export const journal = async () => (await admin('GET', '/requests')).requests;
/** Makes every client access token issued so far invalid (401 on its next use). */
export const expireTokens = () => admin('POST', '/tokens/expire');

async function api(method, path, { token, body, form } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (body) headers['content-type'] = 'application/json';
  const response = await fetch(`${EMULATOR_URL}${path}`, {
    method,
    headers,
    body: form ? new URLSearchParams(form) : body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * A fresh store holding one customer (with a customer token) and, when `cartId` is given, that
 * cart. Everything a scenario passes to an SDK comes from here, so the three runs get equal
 * arguments (ids and tokens differ per run and are replaced by placeholders before comparing).
 */
export async function prepareStore({ cartId, associate = false, faults = [] } = {}) {
  await admin('DELETE', '/faults');
  await reset();
  const { access_token: adminToken } = await api('POST', '/oauth/access_token', {
    form: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
  });
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
    await api('POST', '/v2/carts', { token: adminToken, body: { data: { id: cartId, name: 'Conformance cart' } } });
    if (associate) {
      await api('POST', `/v2/carts/${cartId}/relationships/customers`, {
        token: adminToken,
        body: { data: [{ type: 'customer', id: customer.id }] },
      });
    }
  }
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
  };
}
