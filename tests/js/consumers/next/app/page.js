// A Server Component calling the SDK on the server at request time, and a Client Component
// calling it in the browser.
import { readCart } from './server-cart.js';
import ClientCart from './client-cart.js';

export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }) {
  const { cart = 'next-server-page' } = await searchParams;
  const server = await readCart(cart);
  return (
    <main>
      <h1>Next.js storefront</h1>
      <pre id="server">{JSON.stringify(server)}</pre>
      <ClientCart clientId={process.env.EPCC_CLIENT_ID} host={new URL(process.env.EPCC_EMULATOR_URL).host} cart={`${cart}-client`} />
    </main>
  );
}
