// Runs inside a fresh project that installed the packed tarball: the two seed flows in Node 20,
// importing the package by name with no init call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EpccError, MemoryStorageFactory, gateway, isEpccError } from 'epcc-carts';
import { CLIENT_ID, CLIENT_SECRET, HOST, createCustomer } from './lib/env.mjs';

const config = { client_id: CLIENT_ID, host: HOST, protocol: 'http' };

test('customer token flow: Customers.Token → Carts.AddCustomerAssociation → GetCartsList', async () => {
  const customer = await createCustomer('node-shopper');
  const EPCC = gateway({ ...config, storage: new MemoryStorageFactory() });
  assert.match(EPCC.cartId, /^[0-9a-f]{32}$/);

  const { data: token } = await EPCC.Customers.Token(customer.email, customer.password);
  assert.equal(token.type, 'token');
  assert.equal(token.customer_id, customer.id);

  await EPCC.Carts.CreateCart({ name: 'Node cart', id: EPCC.cartId });
  const first = await EPCC.Carts.AddCustomerAssociation(customer.id, token.token);
  assert.deepEqual(first.data, [{ type: 'customer', id: customer.id }]);
  const again = await EPCC.Carts.AddCustomerAssociation(customer.id, token.token);
  assert.equal(again.data, undefined, 'a repeated association resolves without data (HTTP 204)');

  const list = await EPCC.Carts.GetCartsList(token.token);
  assert.deepEqual(list.data.map(cart => cart.id), [EPCC.cartId]);
  assert.deepEqual(list.data[0].relationships.customers.data, [{ type: 'customer', id: customer.id }]);
  assert.equal(list.meta.results.total, 1);
  assert.equal(list.meta.page.current, 1);
  assert.equal(list.links.next, null);

  const removed = await EPCC.Carts.RemoveCustomerAssociation(customer.id, token.token);
  assert.deepEqual(removed, {});
  assert.equal((await EPCC.Carts.GetCartsList(token.token)).data.length, 0);
});

test('client_credentials flow: AddCustomerAssociation(customerId) → All()', async () => {
  const customer = await createCustomer('node-admin');
  const Admin = gateway({ ...config, client_secret: CLIENT_SECRET, storage: new MemoryStorageFactory() });
  const cart = Admin.Cart(`node-admin-${Date.now()}`);
  await cart.CreateCart({ name: 'Associated by the server', id: cart.cartId });

  const res = await cart.AddCustomerAssociation(customer.id);
  assert.deepEqual(res.data, [{ type: 'customer', id: customer.id }]);

  const all = await Admin.Carts.All();
  const listed = all.data.find(c => c.id === cart.cartId);
  assert.ok(listed, 'All() includes the new cart');
  assert.deepEqual(listed.relationships.customers.data, [{ type: 'customer', id: customer.id }]);
  assert.equal(all.data[0].id, cart.cartId, 'newest first');
  assert.ok(all.meta.results.total >= 1);

  const page = await Admin.Carts.Limit(1).Offset(0).All();
  assert.equal(page.data.length, 1);
  assert.equal(page.meta.page.limit, 1);
});

test('errors are EpccError instances with kind, status and the API errors', async () => {
  const EPCC = gateway({ ...config, storage: new MemoryStorageFactory() });
  await assert.rejects(EPCC.Customers.Token('nobody@example.com', 'wrong'), err => {
    assert.ok(err instanceof EpccError);
    assert.ok(err instanceof Error);
    assert.ok(isEpccError(err));
    assert.equal(err.name, 'EpccError');
    assert.equal(err.kind, 'api');
    assert.equal(err.status, 401);
    assert.equal(err.errors[0].status, 401);
    assert.match(err.message, /Invalid credentials/);
    return true;
  });
  // A shopper (implicit token, no customer token) may not list every cart.
  await assert.rejects(EPCC.Carts.All(), err => err instanceof EpccError && err.status === 403);
  assert.throws(() => gateway({}), err => isEpccError(err) && err.kind === 'invalid_input');
});

test('each endpoint class has its own calls: Customers and Orders carry no cart calls', async () => {
  const { CartEndpoint, CustomersEndpoint, OrdersEndpoint } = await import('epcc-carts');
  const EPCC = gateway({ ...config, storage: new MemoryStorageFactory() });
  assert.ok(EPCC.Carts instanceof CartEndpoint);
  assert.ok(EPCC.Customers instanceof CustomersEndpoint);
  assert.ok(EPCC.Orders instanceof OrdersEndpoint);
  assert.deepEqual(
    Object.getOwnPropertyNames(CustomersEndpoint.prototype).sort(),
    ['Token', 'TokenViaPassword', 'constructor'],
  );
  assert.deepEqual(Object.getOwnPropertyNames(OrdersEndpoint.prototype).sort(), ['Get', 'Items', 'constructor']);
  assert.equal(EPCC.Customers.GetCartsList, undefined);
  assert.equal(EPCC.Orders.Token, undefined);
  assert.equal(typeof EPCC.Carts.Token, 'undefined');
  // Orders.Get checks its order id in the module, as every call does.
  await assert.rejects(EPCC.Orders.Get('a/b'), err => isEpccError(err) && err.kind === 'invalid_input');
});

test("an endpoint keeps its builders' values until the call that uses them", async () => {
  const lists = [];
  const custom_fetch = async (url, init) => {
    if (String(url).includes('/oauth/')) {
      return new Response(JSON.stringify({ access_token: 'tok', expires: Date.now() / 1000 + 3600, expires_in: 3600 }));
    }
    if (init.method === 'GET') lists.push(String(url));
    return new Response('{"data":[]}');
  };
  const Admin = gateway({
    client_id: 'builders', client_secret: 'secret', host: 'api.test', custom_fetch, storage: new MemoryStorageFactory(),
  });
  const cart = Admin.Cart('builders-cart');
  assert.equal(cart.cartId, 'builders-cart');
  assert.equal(cart.Limit(5), cart, 'builders chain');
  // A value a builder does not take throws at once and leaves what the endpoint holds as it was.
  assert.throws(() => cart.Offset(-1), err => isEpccError(err) && err.kind === 'invalid_input' && /Offset/.test(err.message));
  const filter = { eq: { name: 'Gifts' } };
  cart.Filter(filter);
  // As in the official SDK, the filter object is read when the call is made.
  filter.eq.name = 'Toys';
  await cart.AddCustomerAssociation('customer-1'); // takes no list settings: they stay
  await cart.All();
  await cart.All(); // the first All() used them up
  assert.deepEqual(lists, [
    'https://api.test/v2/carts?page[limit]=5&filter=eq(name,Toys)',
    'https://api.test/v2/carts',
  ]);
  // Each endpoint holds its own settings.
  Admin.Cart('other').Limit(2);
  await Admin.Cart('other').All();
  assert.equal(lists.at(-1), 'https://api.test/v2/carts');
  // A filter changed into one the builder would refuse fails the call, not the process.
  const bad = { eq: { name: 'Gifts' } };
  cart.Filter(bad);
  bad.eq = 42;
  await assert.rejects(cart.All(), err => isEpccError(err) && err.kind === 'invalid_input');
});

test('a custom_fetch may answer with a look-alike of a Response; anything else is a network error', async () => {
  const answers = [];
  const custom_fetch = async url => {
    if (String(url).includes('/oauth/')) {
      return new Response(JSON.stringify({ access_token: 'tok', expires: Date.now() / 1000 + 3600, expires_in: 3600 }));
    }
    return answers.shift();
  };
  const EPCC = gateway({ client_id: 'look-alike', host: 'api.test', custom_fetch, storage: new MemoryStorageFactory(), fetchMaxAttempts: 1 });
  // status, headers.get and a text() that returns a string rather than a promise
  answers.push({ status: 200, headers: { get: () => null }, text: () => '{"data":[{"id":"a"}]}' });
  assert.deepEqual(await EPCC.Carts.GetCartsList('ct'), { data: [{ id: 'a' }] });
  const network = pattern => err => isEpccError(err) && err.kind === 'network' && pattern.test(err.message);
  answers.push(42);
  await assert.rejects(EPCC.Carts.GetCartsList('ct'), network(/not a Response/));
  answers.push({ status: 200, text: () => Promise.reject(new Error('connection reset while reading')) });
  await assert.rejects(EPCC.Carts.GetCartsList('ct'), network(/connection reset while reading/));
  answers.push({ text: async () => '{}' });
  await assert.rejects(EPCC.Carts.GetCartsList('ct'), network(/no HTTP status/));
  // What a custom_fetch throws rather than rejects with is a network error too, kept as cause.
  const thrown = new TypeError('refused before sending');
  const throwing = gateway({
    client_id: 'look-alike', host: 'api.test', storage: new MemoryStorageFactory(), fetchMaxAttempts: 1,
    custom_fetch: () => { throw thrown; },
  });
  await assert.rejects(throwing.Cart('c1').Get(), err => network(/refused before sending/)(err) && err.cause === thrown);
});
