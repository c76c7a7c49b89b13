// A storefront bundled by Vite with no plugins and no init call. It runs the two seed flows
// against the API given in the query string and writes what happened into #result.
import { gateway, isEpccError, MemoryStorageFactory } from 'epcc-carts';

const q = new URLSearchParams(location.search);
const config = { client_id: q.get('client_id'), host: q.get('host'), protocol: 'http' };

async function customerFlow() {
  const EPCC = gateway(config);
  const { data: token } = await EPCC.Customers.Token(q.get('email'), q.get('password'));
  await EPCC.Carts.CreateCart({ name: 'Vite cart', id: EPCC.cartId });
  const first = await EPCC.Carts.AddCustomerAssociation(token.customer_id, token.token);
  const again = await EPCC.Carts.AddCustomerAssociation(token.customer_id, token.token);
  const list = await EPCC.Carts.GetCartsList(token.token);
  return {
    cartId: EPCC.cartId,
    customerId: token.customer_id,
    first: first.data ?? null,
    againHasData: again.data !== undefined,
    listed: list.data.map(cart => cart.id),
    total: list.meta.results.total,
  };
}

async function adminFlow() {
  // The client secret comes from the test's query string: never ship one in a real page.
  const Admin = gateway({ ...config, client_secret: q.get('secret'), storage: new MemoryStorageFactory() });
  const cart = Admin.Cart(`vite-admin-${Date.now()}`);
  await cart.CreateCart({ name: 'Vite admin cart', id: cart.cartId });
  const res = await cart.AddCustomerAssociation(q.get('customer_id'));
  const all = await Admin.Carts.All();
  return {
    cartId: cart.cartId,
    associated: res.data ?? null,
    newest: all.data[0]?.id ?? null,
    newestCustomers: all.data[0]?.relationships.customers?.data ?? null,
  };
}

async function errorFlow() {
  try {
    await gateway(config).Carts.All();
    return { rejected: false };
  } catch (err) {
    return { rejected: true, isEpccError: isEpccError(err), isError: err instanceof Error, kind: err.kind, status: err.status };
  }
}

const out = document.getElementById('result');
try {
  const result = { customer: await customerFlow(), admin: await adminFlow(), error: await errorFlow() };
  out.textContent = JSON.stringify(result);
  document.body.dataset.status = 'done';
} catch (err) {
  out.textContent = `${err.name}: ${err.message}`;
  document.body.dataset.status = 'failed';
}
