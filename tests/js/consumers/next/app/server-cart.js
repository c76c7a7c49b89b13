// What the Server Component and the route handler both do on the server: a client_credentials
// gateway (the secret never leaves the server) reads a cart. The emulator's address and the
// credentials come from the environment at request time.
import { MemoryStorageFactory, gateway, isEpccError } from 'epcc-carts';

export async function readCart(id) {
  const Admin = gateway({
    client_id: process.env.EPCC_CLIENT_ID,
    client_secret: process.env.EPCC_CLIENT_SECRET,
    host: new URL(process.env.EPCC_EMULATOR_URL).host,
    protocol: 'http',
    storage: new MemoryStorageFactory(),
  });
  try {
    const { data } = await Admin.Cart(id).Get();
    return { id: data.id, type: data.type };
  } catch (err) {
    return { error: isEpccError(err) ? `${err.kind} ${err.status ?? ''} ${err.message}` : String(err) };
  }
}
