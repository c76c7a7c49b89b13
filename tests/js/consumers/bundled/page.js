// The page script of the esbuild and webpack consumers (tests/js/consumers/{esbuild,webpack}): bundled
// with no plugins, loader flags or config and no file copied by hand; one call against the API given in the query string, written into #result.
import { EpccError, MemoryStorageFactory, gateway, isEpccError } from 'epcc-carts';

const q = new URLSearchParams(location.search);
const out = document.getElementById('result');
try {
  const EPCC = gateway({
    client_id: q.get('client_id'), host: q.get('host'), protocol: 'http', storage: new MemoryStorageFactory(),
  });
  const { data } = await EPCC.Cart(q.get('cart')).Get();
  let invalid;
  try {
    gateway({});
  } catch (err) {
    invalid = err;
  }
  out.textContent = JSON.stringify({
    cart: { id: data.id, type: data.type },
    error: { isEpccError: isEpccError(invalid), instanceOf: invalid instanceof EpccError, kind: invalid?.kind },
  });
  document.body.dataset.status = 'done';
} catch (err) {
  out.textContent = `${err.name}: ${err.message}`;
  document.body.dataset.status = 'failed';
}
