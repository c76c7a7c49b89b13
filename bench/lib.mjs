// Shared by the benchmark sections: the npm tools (installed in tests/js), the emulator's
// admin and API calls, and small statistics helpers.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
const requireFromTests = createRequire(`${REPO}tests/js/package.json`);
/** Imports a package installed in tests/js/node_modules. */
export const importTool = name => import(pathToFileURL(requireFromTests.resolve(name)).href);
export const toolVersion = name => requireFromTests(`${name}/package.json`).version;
export const toolPath = relative => requireFromTests.resolve(relative);

export const EMULATOR_URL = process.env.EPCC_EMULATOR_URL;
export const CLIENT_ID = process.env.EPCC_CLIENT_ID;
export const CLIENT_SECRET = process.env.EPCC_CLIENT_SECRET;
if (!EMULATOR_URL || !CLIENT_ID || !CLIENT_SECRET) throw new Error('run the benchmarks through scripts/bench.sh');

async function call(method, path, { token, body, form, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (form) h['content-type'] = 'application/x-www-form-urlencoded';
  if (body) h['content-type'] = 'application/json';
  const response = await fetch(`${EMULATOR_URL}${path}`, {
    method,
    headers: h,
    body: form ? new URLSearchParams(form) : body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export const resetStore = () => call('POST', '/__emulator/reset', { body: { empty: true } });
export const clearJournal = () => call('DELETE', '/__emulator/requests');
export const journal = async () => (await call('GET', '/__emulator/requests')).requests;

export async function adminToken() {
  const token = await call('POST', '/oauth/access_token', {
    form: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
  });
  return token.access_token;
}

/** An empty store plus one customer (id, customer token) owning `carts` carts. */
export async function shopperStore(carts) {
  await resetStore();
  const token = await adminToken();
  const email = 'bench@example.com';
  const password = 'bench-password';
  const { data: customer } = await call('POST', '/v2/customers', {
    token,
    body: { data: { type: 'customer', name: 'Bench Shopper', email, password } },
  });
  const { data: customerToken } = await call('POST', '/v2/customers/tokens', {
    token,
    body: { data: { type: 'token', authentication_mechanism: 'password', email, password } },
  });
  for (let i = 0; i < carts; i++) {
    const id = `bench-cart-${i}`;
    await call('POST', '/v2/carts', { token, body: { data: { id, name: `Bench cart ${i}` } } });
    await call('POST', `/v2/carts/${id}/relationships/customers`, {
      token,
      body: { data: [{ type: 'customer', id: customer.id }] },
    });
  }
  await clearJournal();
  return { adminToken: token, customerId: customer.id, customerToken: customerToken.token };
}

export const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
