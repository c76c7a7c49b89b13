// Raw calls to the emulator, outside any SDK: its API, and its admin endpoints under /__emulator
// (store reset, request journal, token expiry). Tests and benchmarks prepare stores and read
// the journal through these. No dependencies, so a test project can take a copy of lib/.

/** The calls for the emulator at `base` (`http://127.0.0.1:PORT`), as the store client given. */
export function emulatorClient(base, { clientId, clientSecret } = {}) {
  /**
   * One API call: `token` as the Bearer, `body` sent as JSON or `form` form-encoded. Resolves the
   * JSON answer (null when empty) and throws on anything but 2xx.
   */
  async function api(method, path, { token, body, form } = {}) {
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    if (body) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: form ? new URLSearchParams(form) : body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  const admin = (method, path, body) => api(method, `/__emulator${path}`, { body });
  return {
    api,
    admin,
    /** An empty store: no carts, no customers, no tokens. */
    reset: () => admin('POST', '/reset', { empty: true }),
    clearJournal: () => admin('DELETE', '/requests'),
    journal: async () => (await admin('GET', '/requests')).requests,
    /** Makes every client access token issued so far invalid (401 on its next use). */
    expireTokens: () => admin('POST', '/tokens/expire'),
    /** A new client_credentials access token. */
    adminToken: async () => {
      const form = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
      return (await api('POST', '/oauth/access_token', { form })).access_token;
    },
  };
}
