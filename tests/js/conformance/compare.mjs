// Turns journal entries into comparable requests and lists the differences between two runs.

const TOKEN_PATH = '/oauth/access_token';
const SDK_HEADERS = new Set(['x-moltin-sdk-language', 'x-moltin-sdk-version']);

/** Replaces every occurrence of the run's ids and tokens with a placeholder. */
function placeholders(ctx) {
  const pairs = Object.entries(ctx)
    .filter(([, value]) => typeof value === 'string' && value.length >= 8)
    .sort(([, a], [, b]) => b.length - a.length);
  return text => pairs.reduce((out, [name, value]) => out.split(value).join(`<${name}>`), text);
}

function mapStrings(value, fn) {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map(v => mapStrings(v, fn));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  }
  return value;
}

function parseBody(raw) {
  if (raw === null) return null;
  try {
    return { json: JSON.parse(raw) };
  } catch {
    return { text: raw };
  }
}

/**
 * One journal entry as the suite compares it:
 * - JSON bodies parsed (the official SDK pretty-prints its bodies, which only changes whitespace);
 * - `content-length` checked against the body that was sent, then shown as `<body length>`,
 *   since whitespace in the body changes it;
 * - the SDK language/version values replaced by their presence, and each Bearer token by its
 *   shape and number: `Bearer <access token 2>` is the second distinct token of the run;
 * - the run's customer id and tokens replaced by placeholders.
 */
export function normalize(entry, ctx, accessTokens = new Map()) {
  const sub = placeholders(ctx);
  const headers = {};
  for (const [name, value] of Object.entries(entry.headers)) {
    if (SDK_HEADERS.has(name)) headers[name] = '<sdk value>';
    else if (name === 'authorization') headers[name] = bearerShape(value, accessTokens);
    else if (name === 'content-length') {
      headers[name] = Number(value) === Buffer.byteLength(entry.body ?? '') ? '<body length>' : value;
    } else headers[name] = sub(value);
  }
  return {
    method: entry.method,
    path: sub(entry.path),
    query: sub(entry.query),
    body: mapStrings(parseBody(entry.body), sub),
    headers,
    status: entry.status,
  };
}

function bearerShape(value, accessTokens) {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(value);
  if (!match) return value;
  if (!accessTokens.has(match[1])) accessTokens.set(match[1], accessTokens.size + 1);
  return `Bearer <access token ${accessTokens.get(match[1])}>`;
}

const show = value => (value === undefined ? '(absent)' : JSON.stringify(value));
/** JSON with every object's keys sorted: equal for equal values whatever the key order. */
export const canonical = value => JSON.stringify(value, (k, v) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v);

function compareRequest(kind, index, expected, actual, diffs) {
  const at = { kind, index, method: expected.method, path: expected.path };
  for (const field of ['method', 'path', 'query', 'body', 'status']) {
    if (canonical(expected[field]) !== canonical(actual[field])) {
      diffs.push({ ...at, field, expected: expected[field], actual: actual[field] });
    }
  }
  const names = new Set([...Object.keys(expected.headers), ...Object.keys(actual.headers)]);
  for (const name of [...names].sort()) {
    if (expected.headers[name] !== actual.headers[name]) {
      diffs.push({ ...at, field: `header ${name}`, expected: expected.headers[name], actual: actual.headers[name] });
    }
  }
}

function compareList(kind, expected, actual, diffs) {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (!actual[i]) diffs.push({ kind, index: i, field: 'request', expected: describe(expected[i]), actual: undefined });
    else if (!expected[i]) diffs.push({ kind, index: i, field: 'request', expected: undefined, actual: describe(actual[i]) });
    else compareRequest(kind, i, expected[i], actual[i], diffs);
  }
}

const describe = request => `${request.method} ${request.path}${request.query ? `?${request.query}` : ''}`;

/**
 * Splits a run's requests into token requests and API calls. API calls are compared one by one
 * in order (sorted when the scenario's calls are concurrent); token requests likewise, as their
 * own list, because when an SDK authenticates is not a per-call property.
 */
export function split(requests, { unordered = false } = {}) {
  const sortIfUnordered = list => (unordered ? [...list].sort((a, b) => canonical(a).localeCompare(canonical(b))) : list);
  return {
    token: sortIfUnordered(requests.filter(r => r.path === TOKEN_PATH)),
    api: sortIfUnordered(requests.filter(r => r.path !== TOKEN_PATH)),
  };
}

/** Every difference between the official SDK's requests (`expected`) and ours (`actual`). */
export function differences(expected, actual) {
  const diffs = [];
  compareList('token request', expected.token, actual.token, diffs);
  compareList('API call', expected.api, actual.api, diffs);
  return diffs;
}

export function formatDifference(d) {
  const where = d.method ? ` (${d.method} ${d.path})` : '';
  return `${d.kind} #${d.index + 1}${where} ${d.field}: official ${show(d.expected)}, epcc-carts ${show(d.actual)}`;
}
