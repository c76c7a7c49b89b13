// Talks to the emulator outside any SDK: resets the store, prepares customers and carts with raw
// fetch, and reads the request journal.
import { emulator } from '../lib/env.mjs';

const { admin, api, reset, clearJournal, expireTokens } = emulator;
export const { journal } = emulator;

/**
 * A fresh store holding one customer (with a customer token) and, when `cartId` is given, that
 * cart. Everything a scenario passes to an SDK comes from here, so the three runs get equal
 * arguments (ids and tokens differ per run and are replaced by placeholders before comparing).
 */
export async function prepareStore({ cartId, associate = false, faults = [] } = {}) {
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
