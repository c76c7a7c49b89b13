// A storefront written against the package's types: must pass `tsc --noEmit --strict`.
import {
  gateway,
  isEpccError,
  EpccError,
  MemoryStorageFactory,
  LocalStorageFactory,
  type Address,
  type Cart,
  type CartItem,
  type CartItemsResponse,
  type CartsListResponse,
  type GatewayConfig,
  type Order,
  type StorageLike,
} from 'epcc-carts';

const config: GatewayConfig = { client_id: 'client-id', host: '127.0.0.1:4010', protocol: 'http' };
const EPCC = gateway({ ...config, storage: new MemoryStorageFactory() });
const Admin = gateway({ ...config, client_secret: 'secret', storage: new LocalStorageFactory() });
const storage: StorageLike = new MemoryStorageFactory();
storage.set('k', 'v');

export async function customerFlow(email: string, password: string): Promise<Cart[]> {
  const { data } = await EPCC.Customers.Token(email, password);
  const res = await EPCC.Carts.AddCustomerAssociation(data.customer_id, data.token);
  const isNew: boolean = res.data !== undefined;
  console.log(isNew ? 'associated' : 'already associated');
  const list: CartsListResponse = await EPCC.Carts.GetCartsList(data.token);
  const next: string | null = list.links.next;
  const total: number = list.meta.results.total;
  console.log(next, total);
  return list.data;
}

export async function adminFlow(customerId: string): Promise<number> {
  await Admin.Carts.AddCustomerAssociation(customerId);
  const all = await Admin.Carts.All();
  const page = await Admin.Cart('cart-1').Limit(10).Offset(0).Filter({ eq: { name: 'Gifts' } }).All();
  const cartId: string | undefined = EPCC.cartId;
  EPCC.cartId = 'cart-2';
  console.log(cartId, page.meta.page.current);
  return all.data.length;
}

export async function errors(): Promise<string> {
  try {
    await EPCC.Cart().Get({ timeout: 5000 });
    return 'ok';
  } catch (err) {
    if (isEpccError(err)) {
      const status: number | undefined = err.status;
      return `${err.kind} ${status ?? ''} ${err.errors.map(e => e.title).join(', ')}`;
    }
    if (err instanceof EpccError) return err.message;
    throw err;
  }
}

export async function wholeCart(productId: string, customerId: string, token: string): Promise<Order> {
  const added: CartItemsResponse = await EPCC.Carts.AddProduct(productId, 2);
  const first: CartItem | undefined = added.data[0];
  const cents: number = added.meta.display_price.with_tax.amount;
  console.log(first?.meta.display_price.with_tax.value.formatted, cents);
  await EPCC.Carts.AddProduct('BINDER-3IN', 1, { custom_inputs: { note: 'gift' } }, true, token);
  await EPCC.Carts.AddCustomItem({ name: 'Gift wrap', sku: 'WRAP', quantity: 1, price: { amount: 500 } });
  await EPCC.Carts.AddPromotion('SAVE10');
  await EPCC.Carts.BulkAdd([{ type: 'cart_item', id: productId, quantity: 1 }], { add_all_or_nothing: true });
  if (first) {
    await EPCC.Carts.UpdateItemQuantity(first.id, 3);
    await EPCC.Carts.UpdateItems([{ id: first.id, quantity: 1 }]);
    const tax = await EPCC.Carts.AddItemTax(first.id, { name: 'VAT', rate: 0.2 });
    await EPCC.Carts.RemoveItemTax(first.id, tax.data.id);
    await EPCC.Carts.RemoveItem(first.id);
  }
  await EPCC.Carts.Merge('guest-cart', token, { add_all_or_nothing: false });
  const address: Address = { first_name: 'Ron', last_name: 'Swanson', line_1: '1 Main St', postcode: '46001', country: 'US' };
  const { data: order } = await EPCC.Carts.Checkout(customerId, address, address, { 'X-Moltin-Customer-Token': token });
  const status: Order['status'] = order.status;
  const lines = await EPCC.Orders.Items(order.id, token);
  console.log(status, lines.data.length);
  return (await EPCC.Orders.Get(order.id, token)).data;
}
