// A storefront written against the package's types: must pass `tsc --noEmit --strict`.
import {
  gateway,
  isEpccError,
  EpccError,
  MemoryStorageFactory,
  LocalStorageFactory,
  type Cart,
  type CartsListResponse,
  type GatewayConfig,
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
