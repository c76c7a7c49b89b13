// The one list of places where epcc-carts deliberately sends different requests from the
// official SDK. Each entry is an improvement documented in shared/reference/js-sdk.md
// ("Their behaviour, and where this project must do better") or a bug of the official cart-item
// calls that epcc-carts fixes, names the scenarios that show it, and matches exactly the
// differences it explains. Anything else the suite finds is a failure.
import { canonical } from './compare.mjs';

const isItemsCall = d => /^(POST|PUT) \/v2\/carts\/[^/]+\/items(\/[^/]+)?$/.test(d.expected ?? '');
// A JSON body `{"data": [...], ...}` with the `type` of every element left out.
const withoutTypes = body =>
  Array.isArray(body?.json?.data) && { ...body.json, data: body.json.data.map(({ type, ...rest }) => rest) };

export const knownDifferences = [
  {
    id: 'one-shared-token-request',
    reason:
      'Concurrent first calls: the official SDK authenticates once per call (3 parallel calls make ' +
      '3 token requests, each call then uses its own token); epcc-carts makes one token request ' +
      'and every caller in flight uses that token.',
    scenarios: ['three concurrent first calls'],
    matches: d =>
      (d.kind === 'token request' && d.field === 'request' && d.actual === undefined) ||
      (d.kind === 'API call' && d.field === 'header authorization' &&
        /^Bearer <access token \d+>$/.test(d.expected) && d.actual === 'Bearer <access token 1>'),
  },
  {
    id: 'builders-always-cleared',
    reason:
      'Builder state: the official SDK keeps Limit/Offset/Sort/Filter/With on the endpoint when ' +
      'the call had to authenticate first, and Cart.Get() never clears With(), so the next call ' +
      'repeats the query; epcc-carts clears the builders after every call.',
    scenarios: ['builders after an All that had to authenticate', 'With(items).Get(), then Get()'],
    matches: d => d.kind === 'API call' && d.field === 'query' && d.expected !== '' && d.actual === '',
  },
  {
    id: 'customer-token-custom-headers',
    reason:
      'Customers.TokenViaPassword(email, password, headers): the official SDK silently drops the ' +
      'headers (it passes them where the endpoint instance belongs); epcc-carts sends them.',
    scenarios: ['Customers.TokenViaPassword with extra headers'],
    matches: d => d.kind === 'API call' && d.field === 'header x-storefront-trace' && d.expected === undefined,
  },
  {
    id: 'retry-idempotent-5xx',
    reason:
      'Retries: the official SDK retries only 401 and 429; epcc-carts also retries idempotent ' +
      'requests (GET, PUT, DELETE) after 502/503/504 or a network error (never a POST).',
    scenarios: ['GetCartsList answered 503 once'],
    matches: d => d.kind === 'API call' && d.field === 'request' && d.expected === undefined && /^GET /.test(d.actual),
  },
  {
    id: 'reauthenticate-once-on-401',
    reason:
      'A 401: the official SDK re-authenticates and repeats the call on every 401 up to ' +
      'fetchMaxAttempts, even when the API refuses the request itself (a wrong password costs 4 ' +
      'token requests and 4 attempts); epcc-carts re-authenticates once and retries once, since a ' +
      'fresh token is all a retry can change (the SDK issue: "on 401 re-authenticate once and retry").',
    scenarios: ['Customers.Token with wrong credentials'],
    matches: d =>
      (d.kind === 'token request' || d.kind === 'API call') && d.field === 'request' && d.actual === undefined,
  },
  {
    id: 'bulk-body-not-double-wrapped',
    reason:
      'BulkAdd and BulkAddItemTax without options: the official SDK wraps the array twice ' +
      '(`{"data":{"data":[...]}}`, since its request factory wraps every body in `data` again ' +
      'unless it has `options`), which the API refuses (422); epcc-carts sends `{"data":[...]}`.',
    scenarios: ['BulkAdd without options', 'BulkAddItemTax without options'],
    matches: d =>
      d.kind === 'API call' &&
      ((d.field === 'body' && Array.isArray(d.expected?.json?.data?.data) &&
        canonical(d.actual?.json) === canonical({ data: d.expected.json.data.data })) ||
        (d.field === 'status' && d.expected === 422 && d.actual === 201)),
  },
  {
    id: 'item-custom-discount-path',
    reason:
      'AddItemCustomDiscount: the official SDK posts to `/carts/{id}/items/{itemId}//custom-discounts` ' +
      '(a double slash), which is not the route (404); epcc-carts posts to ' +
      '`/carts/{id}/items/{itemId}/custom-discounts`.',
    scenarios: ['AddItemCustomDiscount'],
    matches: d =>
      d.kind === 'API call' &&
      ((d.field === 'path' && d.expected.endsWith('//custom-discounts') &&
        d.actual === d.expected.replace(/\/\/custom-discounts$/, '/custom-discounts')) ||
        (d.field === 'status' && d.expected === 404 && d.actual === 201)),
  },
  {
    id: 'arguments-not-mutated',
    reason:
      'AddCustomItem, AddItemTax, UpdateItemTax and the custom-discount calls: the official SDK ' +
      "adds `type` to the caller's object (Object.assign), so the same object passed on to a bulk " +
      'call carries a `type` the caller never wrote; epcc-carts leaves its arguments as they were ' +
      'and sends each object as given (here the API then refuses the element without its type).',
    scenarios: ['an object passed to AddCustomItem, then to BulkAdd', 'an object passed to AddItemTax, then to BulkAddItemTax'],
    matches: d =>
      d.kind === 'API call' && d.index === 1 &&
      ((d.field === 'body' && d.expected?.json?.data?.every?.(element => element.type) &&
        d.actual?.json?.data?.every?.(element => !('type' in element)) &&
        canonical(withoutTypes(d.expected)) === canonical(withoutTypes(d.actual))) ||
        (d.field === 'status' && d.expected === 201 && d.actual === 422)),
  },
  {
    id: 'whole-number-quantity',
    reason:
      'AddProduct and UpdateItem: the official SDK sends `parseInt(quantity)` (2.5 becomes 2, ' +
      "'two' becomes NaN, sent as null); epcc-carts refuses a quantity that is not a whole number " +
      'with an invalid_input error and sends nothing.',
    scenarios: ['AddProduct with a quantity that is not a number', 'UpdateItem with a fractional quantity'],
    matches: d => d.kind === 'API call' && d.field === 'request' && d.actual === undefined && isItemsCall(d),
  },
  {
    id: 'no-empty-account-token-header',
    reason:
      'CheckoutWithAccountManagementToken without a token: the official SDK sends an empty ' +
      'EP-Account-Management-Authentication-Token header, which carries nothing; epcc-carts ' +
      'leaves the header out.',
    scenarios: ['CheckoutWithAccountManagementToken without a token (client_credentials)'],
    matches: d =>
      d.kind === 'API call' && d.field === 'header ep-account-management-authentication-token' &&
      d.expected === '' && d.actual === undefined,
  },
];
