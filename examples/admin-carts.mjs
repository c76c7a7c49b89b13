// The server-side way to use a client secret: a Node script (or API route) that associates a
// customer with a cart and lists every cart of the store with a client_credentials token.
// The secret stays in this process's environment; browsers only ever get an implicit token.
//
//   npm install epcc-carts            # or, in this repository: bash scripts/build.sh
//   EPCC_CLIENT_ID=... EPCC_CLIENT_SECRET=... EPCC_HOST=useast.api.elasticpath.com node admin-carts.mjs
//   EPCC_EMULATOR_URL=http://127.0.0.1:4010 node examples/admin-carts.mjs        # local emulator
//
// Optional: CUSTOMER_ID and CART_ID to associate that customer with that cart first.
import { gateway, isEpccError, MemoryStorageFactory } from 'epcc-carts';

const emulator = process.env.EPCC_EMULATOR_URL ? new URL(process.env.EPCC_EMULATOR_URL) : null;
const Admin = gateway({
  client_id: process.env.EPCC_CLIENT_ID ?? 'demo-client-id',
  client_secret: process.env.EPCC_CLIENT_SECRET ?? 'demo-client-secret',
  host: emulator?.host ?? process.env.EPCC_HOST,
  protocol: emulator ? 'http' : 'https',
  storage: new MemoryStorageFactory(),
  disableCart: true,
});

try {
  const { CUSTOMER_ID: customerId, CART_ID: cartId } = process.env;
  if (customerId && cartId) {
    // No customer token: a client_credentials token may associate any customer with any cart.
    const res = await Admin.Cart(cartId).AddCustomerAssociation(customerId);
    console.log(res.data ? `associated ${customerId} with ${cartId}` : `${customerId} was already associated with ${cartId}`);
  }

  let offset = 0;
  for (;;) {
    const page = await Admin.Carts.Limit(10).Offset(offset).All();
    for (const cart of page.data) {
      const customers = cart.relationships.customers?.data?.map(c => c.id).join(', ') || 'guest';
      console.log(`${cart.meta.timestamps.updated_at}  ${cart.id.padEnd(36)}  ${cart.name}  [${customers}]`);
    }
    if (!page.links.next) {
      console.log(`${page.meta.results.total} carts`);
      break;
    }
    offset += page.meta.page.limit;
  }
} catch (err) {
  if (!isEpccError(err)) throw err;
  console.error(`failed (${err.kind}${err.status ? `, HTTP ${err.status}` : ''}): ${err.message}`);
  process.exitCode = 1;
}
