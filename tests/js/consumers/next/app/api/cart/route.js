// A route handler calling the SDK on the server.
import { readCart } from '../../server-cart.js';

export const dynamic = 'force-dynamic';

export async function GET(request) {
  const id = new URL(request.url).searchParams.get('cart') ?? 'next-route-handler';
  return Response.json(await readCart(id));
}
