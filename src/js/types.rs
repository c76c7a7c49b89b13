//! The TypeScript types of the public surface, emitted into the package's `.d.ts`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Keys and defaults as the official SDK's `gateway(config)`. */
export interface GatewayConfig {
  /** Your store's client id (required). */
  client_id: string;
  /** Server-side only: selects a client_credentials token, which can list every cart. */
  client_secret?: string;
  /** API host without scheme, e.g. `useast.api.elasticpath.com` or `127.0.0.1:4010`. Default `euwest.api.elasticpath.com`. */
  host?: string;
  /** Default `https`. */
  protocol?: 'https' | 'http';
  /** Sent as `X-MOLTIN-CURRENCY`. */
  currency?: string;
  /** Sent as `X-MOLTIN-LANGUAGE`. */
  language?: string;
  /** Sent as `X-MOLTIN-APPLICATION`; default `epcc sdk`. */
  application?: string;
  /** Extra headers on every API call. */
  headers?: Record<string, string>;
  /** Where the token and cart id are kept. Default: localStorage in browsers, memory elsewhere. */
  storage?: StorageLike;
  /** Namespaces the storage keys (`${name}_ep_credentials`, `${name}_ep_cart`). */
  name?: string;
  /** A replacement for `fetch`, called as `custom_fetch(url, init)`. */
  custom_fetch?: (url: string, init: FetchInit) => Promise<Response>;
  /** Base back-off in ms, multiplied by the attempt number. Default 1000. */
  retryDelay?: number;
  /** Up to this many random ms added to each back-off. Default 500. */
  retryJitter?: number;
  /** Attempts in all, the first included. Default 4. */
  fetchMaxAttempts?: number;
  /** No current cart id is made or stored. */
  disableCart?: boolean;
  /** Milliseconds a call may take, retries included. Default: no limit. */
  timeout?: number;
}

/** What the SDK passes to `fetch` / `custom_fetch`. */
export interface FetchInit {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** Any storage with these three methods, like `MemoryStorageFactory` and `LocalStorageFactory`. */
export interface StorageLike {
  get(key: string): string | null | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** The optional last argument of every call. */
export interface RequestOptions {
  /** Aborts the call (rejects with `kind: 'aborted'`). */
  signal?: AbortSignal;
  /** Milliseconds this call may take, retries included (rejects with `kind: 'timeout'`). */
  timeout?: number;
}

export interface Money {
  amount: number;
  currency: string;
  formatted: string;
}

export interface Relationship<T extends string = string> {
  type: T;
  id: string;
}

export interface Cart {
  type: 'cart';
  id: string;
  name: string;
  description?: string;
  notes?: string;
  discount_settings?: { custom_discounts_enabled: boolean; use_rule_promotions: boolean };
  links: { self: string };
  meta: {
    display_price: {
      with_tax: Money;
      without_tax: Money;
      tax: Money;
      discount?: Money;
      without_discount?: Money;
    };
    timestamps: { created_at: string; updated_at: string; expires_at?: string };
  };
  relationships: {
    items?: { data: Relationship[] | null };
    customers?: { data?: Relationship<'customer'>[] };
    accounts?: { data?: Relationship<'account'>[] };
  };
}

/** `CreateCart` / `UpdateCart` data. */
export interface CartInput {
  name: string;
  description?: string;
  /** A custom id: letters, digits, `_` and `-` only. */
  id?: string;
  discount_settings?: { custom_discounts_enabled?: boolean; use_rule_promotions?: boolean };
}

export interface PageLinks {
  current: string;
  first: string;
  last: string;
  prev: string | null;
  next: string | null;
}

export interface CartsListResponse {
  data: Cart[];
  links: PageLinks;
  meta: {
    page: { limit: number; offset: number; current: number; total: number };
    results: { total: number };
  };
}

export interface CartResponse {
  data: Cart;
}

/** `data` is present when the association is new (HTTP 200) and absent when it already existed (HTTP 204). */
export interface AssociationResponse {
  data?: Relationship[];
}

/** What calls answered with HTTP 204 resolve. */
export type EmptyResponse = Record<string, never>;

export interface CustomerTokenResponse {
  data: { type: 'token'; id: string; customer_id: string; token: string; expires: number };
}

export interface AccessTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  identifier: 'implicit' | 'client_credentials';
  /** Absolute expiry, seconds since the Unix epoch. */
  expires: number;
  expires_in: number;
}

/** A price in minor units (cents) and how the API formats it. */
export interface UnitAndValue {
  unit: Money;
  value: Money;
}

/** What an item or a cart costs, in minor units. */
export interface DisplayPrice {
  with_tax: Money;
  without_tax: Money;
  tax: Money;
  discount?: Money;
  without_discount?: Money;
}

export interface CartItem {
  type: 'cart_item' | 'custom_item' | 'promotion_item';
  id: string;
  product_id?: string;
  name: string;
  description?: string;
  sku: string;
  slug?: string;
  quantity: number;
  unit_price: { amount: number; currency: string; includes_tax: boolean };
  value: { amount: number; currency: string; includes_tax: boolean };
  discounts?: { amount: { amount: number; currency: string; includes_tax: boolean }; code: string; id: string }[];
  links?: { product?: string };
  meta: {
    display_price: {
      with_tax: UnitAndValue;
      without_tax: UnitAndValue;
      tax: UnitAndValue;
      discount: UnitAndValue;
      without_discount?: UnitAndValue;
      discounts?: Record<string, Money>;
    };
    timestamps: { created_at: string; updated_at: string };
  };
  relationships?: {
    taxes?: { data: Relationship<'tax_item'>[] | null };
    custom_discounts?: { data: Relationship<'custom_discount'>[] | null };
  };
}

/** What item calls resolve: the cart's items and its totals. */
export interface CartItemsResponse {
  data: CartItem[];
  meta: {
    display_price: DisplayPrice;
    timestamps: { created_at: string; updated_at: string; expires_at?: string };
  };
  /** Bulk calls: the elements that could not be added. */
  errors?: ApiErrorItem[];
}

/** `AddCustomItem` data. */
export interface CustomItemInput {
  name: string;
  sku: string;
  quantity: number;
  price: { amount: number; includes_tax?: boolean };
  description?: string;
  [key: string]: unknown;
}

/** `UpdateItems` elements. */
export interface ItemUpdate {
  id: string;
  quantity?: number;
  type?: 'cart_item' | 'custom_item' | 'promotion_item';
  [key: string]: unknown;
}

/** The API's options of a bulk request. */
export interface BulkOptions {
  add_all_or_nothing?: boolean;
  update_all_or_nothing?: boolean;
}

export interface TaxItemInput {
  name: string;
  jurisdiction?: string;
  code?: string;
  /** A decimal from 0 to 1, e.g. 0.2 for 20%. */
  rate: number;
  relationships?: { item: { data: { type: 'cart_item'; id: string } } };
}

export interface TaxItem extends TaxItemInput {
  type: 'tax_item';
  id: string;
}

export interface TaxItemResponse {
  data: TaxItem;
}

export interface TaxItemsResponse {
  data: TaxItem[];
}

export interface CustomDiscountInput {
  /** Negative, in minor units: -500 takes 5.00 off. */
  amount: number;
  description: string;
  discount_code: string;
  discount_engine: string;
  external_id: string;
  username?: string;
}

export interface CustomDiscount extends CustomDiscountInput {
  type: 'custom_discount';
  id: string;
}

export interface CustomDiscountResponse {
  data: CustomDiscount;
}

export interface CustomDiscountsResponse {
  data: CustomDiscount[];
}

export interface Address {
  first_name: string;
  last_name: string;
  line_1: string;
  line_2?: string;
  city?: string;
  county?: string;
  region?: string;
  postcode: string;
  country: string;
  company_name?: string;
  phone_number?: string;
  instructions?: string;
}

/** A guest buyer at checkout; a customer is given by id instead. */
export interface CheckoutCustomer {
  email: string;
  name: string;
}

export interface Order {
  type: 'order';
  id: string;
  status: 'incomplete' | 'complete' | 'processing' | 'cancelled';
  payment: 'unpaid' | 'authorized' | 'paid' | 'refunded';
  shipping: 'unfulfilled' | 'fulfilled';
  customer: { id?: string; name?: string; email?: string };
  billing_address: Address;
  shipping_address: Address;
  meta: {
    display_price: DisplayPrice & { balance_owing?: Money; paid?: Money };
    timestamps: { created_at: string; updated_at: string };
  };
  relationships: {
    items?: { data: Relationship<'item'>[] };
    customer?: { data: Relationship<'customer'> };
  };
}

export interface OrderResponse {
  data: Order;
}

export interface OrderItem extends Omit<CartItem, 'type'> {
  type: 'order_item';
}

export interface OrderItemsResponse {
  data: OrderItem[];
}

type FilterScalar = string | number | boolean;
/** `{ eq: { name: 'x' } }` → `eq(name,x)`; arrays join with commas. */
export type CartsFilter = Record<string, Record<string, FilterScalar | FilterScalar[] | Record<string, FilterScalar>>>;

/** One entry of the API's `errors` array. */
export interface ApiErrorItem {
  status?: number;
  title: string;
  detail?: string;
  source?: unknown;
}

export type EpccErrorKind = 'api' | 'network' | 'timeout' | 'aborted' | 'invalid_input' | 'decode';

/** Everything the package throws or rejects with. */
export declare class EpccError extends Error {
  readonly name: 'EpccError';
  /** What went wrong: branch on this. */
  readonly kind: EpccErrorKind;
  /** The HTTP status, for `api` and `decode` errors. */
  readonly status?: number;
  /** The API's `errors` array (empty when the API sent none), so `err.errors[0].status` works as with the official SDK. */
  readonly errors: ApiErrorItem[];
}

/** Keeps values in memory, for one gateway's lifetime. */
export declare class MemoryStorageFactory implements StorageLike {
  constructor();
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/**
 * Keeps values in `localStorage` (shared by the tabs of an origin, kept across reloads); where
 * there is none (Node, or a browser that refuses it) values live in memory instead. The default
 * `storage` of a gateway.
 */
export declare class LocalStorageFactory extends MemoryStorageFactory {}

/** Whether `value` is an `EpccError`. */
export function isEpccError(value: unknown): value is EpccError;
"#;

/// What the package's entries add to the bindings: `gateway` (which throws the error the
/// module's `__gateway` returns), the gateway's `cartId` accessors and its `Customers` and
/// `Orders` getters, and the Customers and Orders endpoints, classes written in JavaScript
/// (glue.js) whose calls are installed as the cart calls are (rows of `CALLS` in cart.rs).
#[wasm_bindgen(typescript_custom_section)]
const CUSTOMER_AND_ORDER_CALLS: &'static str = r#"
/**
 * Creates a client. Throws an `EpccError` (kind `invalid_input`) for a bad config.
 *
 * ```js
 * import { gateway } from 'epcc-carts'
 * const EPCC = gateway({ client_id: 'YOUR_CLIENT_ID' })
 * const { data } = await EPCC.Carts.GetCartsList(customerToken)
 * ```
 */
export function gateway(config: GatewayConfig): Gateway;

export interface Gateway {
  /**
   * The shopper's current cart id: 32 hex characters made once and kept in storage (`epcart`),
   * or `undefined` with `disableCart`.
   */
  get cartId(): string | undefined;
  /**
   * Switches the current cart, e.g. to one of the customer's carts from `GetCartsList`. The id
   * is kept in storage (`epcart`), so a reload, and every tab sharing localStorage, keeps it.
   * Throws `EpccError` (`invalid_input`) for an id outside `A-Z a-z 0-9 _ -`.
   *
   * ```js
   * const { data } = await EPCC.Carts.GetCartsList(customerToken)
   * EPCC.cartId = data[0].id
   * ```
   */
  set cartId(value: string);
  /** The cart endpoint for `cartId`, or for the current cart when it is left out. */
  Cart(cartId?: string): CartEndpoint;
  /**
   * The cart endpoint for the current cart, as the seed examples write it:
   * `await EPCC.Carts.AddCustomerAssociation(customerId, customerToken)`.
   */
  readonly Carts: CartEndpoint;
  /** Customer tokens: `EPCC.Customers.Token(email, password)`. */
  readonly Customers: CustomersEndpoint;
  /** Orders: `EPCC.Orders.Get(orderId, customerToken)`. */
  readonly Orders: OrdersEndpoint;
}

/**
 * One cart's endpoint: `EPCC.Cart(id)`, `EPCC.Carts`. The list builders (`Limit`, `Offset`,
 * `Sort`, `Filter`, `With`) change this endpoint and return it for chaining; they are cleared
 * by the call that uses them.
 */
export declare class CartEndpoint {
  private constructor();
  /** The cart id this endpoint works on. */
  readonly cartId: string | undefined;
}

/** `EPCC.Customers`: customer tokens for the carts flows. */
export declare class CustomersEndpoint {
  private constructor();
}

/** `EPCC.Orders`: the order a checkout made. */
export declare class OrdersEndpoint {
  private constructor();
}

export interface CustomersEndpoint {
  /**
   * Signs a customer in with email and password; the answer's `data.token` is the customer
   * token the cart calls take.
   *
   * ```js
   * const { data } = await EPCC.Customers.Token('ron@swanson.com', 'mysecretpassword')
   * await EPCC.Carts.AddCustomerAssociation(data.customer_id, data.token)
   * ```
   */
  Token(email: string, password: string, options?: RequestOptions): Promise<CustomerTokenResponse>;
  /**
   * `Token` with extra headers for this request (sent, unlike in the official SDK).
   */
  TokenViaPassword(email: string, password: string, headers?: Record<string, string>, options?: RequestOptions): Promise<CustomerTokenResponse>;
}

export interface OrdersEndpoint {
  /**
   * An order, with the customer's token when it is a customer's order.
   *
   * ```js
   * const { data: order } = await EPCC.Orders.Get(orderId, customerToken)
   * ```
   */
  Get(orderId: string, token?: string, options?: RequestOptions): Promise<OrderResponse>;
  /**
   * An order's items. Unlike the official SDK this takes the customer's token too, which a
   * customer's order needs with an implicit gateway.
   */
  Items(orderId: string, token?: string, options?: RequestOptions): Promise<OrderItemsResponse>;
}
"#;

/// The cart calls. `CartEndpoint` gains them when the module loads (one method per row of
/// `CALLS` in cart.rs); TypeScript merges this interface into the class declared above.
#[wasm_bindgen(typescript_custom_section)]
const CART_CALLS: &'static str = r#"
export interface CartEndpoint {
  /** Page size for `All` and `Items` (1 to 100). Throws `EpccError` for anything else. */
  Limit(value: number): this;
  /** Offset for `All` and `Items` (0 to 10000). */
  Offset(value: number): this;
  /** Sort order for `All` and `Items`, passed to the API as `sort=`. */
  Sort(value: string): this;
  /** Filter for `All`: `Filter({ eq: { name: 'Gifts' } })` sends `filter=eq(name,Gifts)`. */
  Filter(value: CartsFilter): this;
  /** Related resources to include: `With('items')`. */
  With(value: string | string[]): this;
  /**
   * Associates this cart with an account, with an Account Management token.
   */
  AddAccountAssociation(accountId: string, token?: string, options?: RequestOptions): Promise<AssociationResponse>;
  /**
   * Adds a custom discount to the cart (the cart needs `custom_discounts_enabled`).
   */
  AddCartCustomDiscount(discount: CustomDiscountInput, options?: RequestOptions): Promise<CustomDiscountResponse>;
  /**
   * Adds an item that is not in the catalog: `{ name, sku, quantity, price: { amount, includes_tax? }, description? }`.
   */
  AddCustomItem(item: CustomItemInput, options?: RequestOptions): Promise<CartItemsResponse>;
  /**
   * Associates this cart with a customer. With a customer token (implicit gateway) the token
   * must be that customer's; without one the gateway needs client_credentials.
   * Resolves `{ data: [{ type: 'customer', id }] }` when the association is new, and `{}`
   * (HTTP 204) when the customer was already associated.
   *
   * ```js
   * const res = await EPCC.Carts.AddCustomerAssociation(customerId, customerToken)
   * const isNew = res.data !== undefined
   * ```
   */
  AddCustomerAssociation(customerId: string, token?: string, options?: RequestOptions): Promise<AssociationResponse>;
  /**
   * Adds a custom discount to an item.
   */
  AddItemCustomDiscount(itemId: string, discount: CustomDiscountInput, options?: RequestOptions): Promise<CustomDiscountResponse>;
  /**
   * Adds a tax item to an item: `AddItemTax(itemId, { name, jurisdiction, code, rate })`.
   */
  AddItemTax(itemId: string, tax: TaxItemInput, options?: RequestOptions): Promise<TaxItemResponse>;
  /**
   * Adds a product: `AddProduct(productId, quantity = 1, data?, isSku = false, token?, additionalHeaders?)`.
   * A repeated add of the same product adds to its quantity. With `isSku`, `productId` is a SKU.
   *
   * ```js
   * const { data: items, meta } = await EPCC.Carts.AddProduct(productId, 2)
   * ```
   */
  AddProduct(productId: string, quantity?: number, data?: Record<string, unknown>, isSku?: boolean, token?: string, additionalHeaders?: Record<string, string>, options?: RequestOptions): Promise<CartItemsResponse>;
  /**
   * Applies a promotion code: `AddPromotion('SAVE10', customerToken?)`.
   */
  AddPromotion(code: string, token?: string, options?: RequestOptions): Promise<CartItemsResponse>;
  /**
   * Lists carts with the builders' query (`Limit`, `Offset`, `Sort`, `Filter`, `With`).
   * Without a customer token this needs a client_credentials gateway.
   *
   * ```js
   * const page = await Admin.Carts.Limit(10).Offset(20).Filter({ ilike: { name: '*gift*' } }).All()
   * ```
   */
  All(token?: string, options?: RequestOptions): Promise<CartsListResponse>;
  /**
   * Adds several custom discounts to the cart.
   */
  BulkAddCartCustomDiscount(discounts: CustomDiscountInput[], bulkOptions?: BulkOptions, options?: RequestOptions): Promise<CustomDiscountsResponse>;
  /**
   * Adds tax items to several items (each names its item in `relationships.item.data.id`).
   */
  BulkAddItemTax(taxes: Record<string, unknown>[], bulkOptions?: BulkOptions, options?: RequestOptions): Promise<TaxItemsResponse>;
  /**
   * Adds several items at once: `BulkAdd([{ type: 'cart_item', id, quantity }, ...], { add_all_or_nothing: true })`.
   */
  BulkAdd(items: Record<string, unknown>[], bulkOptions?: BulkOptions, options?: RequestOptions): Promise<CartItemsResponse>;
  /**
   * Checkout for an account member, with their Account Management token.
   */
  CheckoutWithAccountManagementToken(contact: string | CheckoutCustomer, billingAddress: Address, shippingAddress?: Address, token?: string, additionalHeaders?: Record<string, string>, options?: RequestOptions): Promise<OrderResponse>;
  /**
   * Turns this cart into an order: `Checkout(customerId or { email, name }, billingAddress, shippingAddress = billingAddress, additionalHeaders?)`.
   * A customer id needs that customer's token in `additionalHeaders` with an implicit gateway:
   * `{ 'X-Moltin-Customer-Token': token }`.
   *
   * ```js
   * const { data: order } = await EPCC.Carts.Checkout(customerId, address, address, { 'X-Moltin-Customer-Token': token })
   * ```
   */
  Checkout(customer: string | CheckoutCustomer, billingAddress: Address, shippingAddress?: Address, additionalHeaders?: Record<string, string>, options?: RequestOptions): Promise<OrderResponse>;
  /**
   * Creates a cart: `CreateCart({ name: 'Gifts', description: '...' }, customerToken?)`.
   * With a customer token the new cart is associated with that customer at once.
   */
  CreateCart(data: CartInput, token?: string, options?: RequestOptions): Promise<CartResponse>;
  /**
   * Deletes this cart; a cart associated with a customer cannot be deleted (API error 400).
   */
  Delete(options?: RequestOptions): Promise<EmptyResponse>;
  /**
   * A customer's carts, newest updated first: `GET /v2/carts` with the customer token. With no
   * token a client_credentials gateway gets every cart of the store. Builders are not applied.
   *
   * ```js
   * const { data, links, meta } = await EPCC.Carts.GetCartsList(customerToken)
   * ```
   */
  GetCartsList(token?: string, options?: RequestOptions): Promise<CartsListResponse>;
  /**
   * This cart (`include` from `With`). The API creates an empty cart for an unknown id.
   */
  Get(options?: RequestOptions): Promise<CartResponse>;
  /**
   * This cart's items (`include`, `sort`, paging and `filter` from the builders).
   */
  Items(options?: RequestOptions): Promise<CartItemsResponse>;
  /**
   * Moves the items of another cart (a guest's) into this one: `Merge(guestCartId, customerToken?, { add_all_or_nothing })`.
   */
  Merge(cartId: string, token?: string, mergeOptions?: BulkOptions, options?: RequestOptions): Promise<CartItemsResponse>;
  /**
   * Removes the association with an account.
   */
  RemoveAccountAssociation(accountId: string, token?: string, options?: RequestOptions): Promise<EmptyResponse>;
  /**
   * Empties the cart.
   */
  RemoveAllItems(options?: RequestOptions): Promise<EmptyResponse>;
  /**
   * Removes one of the cart's custom discounts.
   */
  RemoveCartCustomDiscount(discountId: string, options?: RequestOptions): Promise<EmptyResponse>;
  /**
   * Removes the association with a customer (HTTP `DELETE`); resolves `{}`, also when there
   * was none. The official SDK lacks this call.
   */
  RemoveCustomerAssociation(customerId: string, token?: string, options?: RequestOptions): Promise<EmptyResponse>;
  /**
   * Removes a custom discount of an item.
   */
  RemoveItemCustomDiscount(itemId: string, discountId: string, options?: RequestOptions): Promise<EmptyResponse>;
  /**
   * Removes a tax item.
   */
  RemoveItemTax(itemId: string, taxItemId: string, options?: RequestOptions): Promise<EmptyResponse>;
  /**
   * Removes one item; resolves with the items left.
   */
  RemoveItem(itemId: string, options?: RequestOptions): Promise<CartItemsResponse>;
  /**
   * Changes one of the cart's custom discounts.
   */
  UpdateCartCustomDiscount(discountId: string, discount: Partial<CustomDiscountInput>, options?: RequestOptions): Promise<CustomDiscountResponse>;
  /**
   * Updates this cart's name or description.
   */
  UpdateCart(data: Partial<CartInput>, token?: string, options?: RequestOptions): Promise<CartResponse>;
  /**
   * Changes a custom discount of an item.
   */
  UpdateItemCustomDiscount(itemId: string, discountId: string, discount: Partial<CustomDiscountInput>, options?: RequestOptions): Promise<CustomDiscountResponse>;
  /**
   * Sets an item's quantity (0 removes it).
   */
  UpdateItemQuantity(itemId: string, quantity: number, options?: RequestOptions): Promise<CartItemsResponse>;
  /**
   * Changes a tax item.
   */
  UpdateItemTax(itemId: string, taxItemId: string, tax: Partial<TaxItemInput>, options?: RequestOptions): Promise<TaxItemResponse>;
  /**
   * Sets an item's quantity (0 removes it), with more fields in `data`.
   */
  UpdateItem(itemId: string, quantity: number, data?: Record<string, unknown>, additionalHeaders?: Record<string, string>, options?: RequestOptions): Promise<CartItemsResponse>;
  /**
   * Updates several items: `UpdateItems([{ id, quantity }, ...])`.
   */
  UpdateItems(items: ItemUpdate[], options?: RequestOptions): Promise<CartItemsResponse>;
}
"#;
