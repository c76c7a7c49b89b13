// The calls of the endpoint classes. The module exports one binding for all of them and names
// them in order (`__calls()`: each class's names, the classes separated by `|`, then
// CartEndpoint's list builders; `index` counts within the group). Each name becomes a method
// of its class's prototype here, as a class method would (not enumerable), which passes its
// group, index, arguments and endpoint, with the endpoint's cart id and builder values, to the
// gateway's `__call(group, index, args, endpoint, cartId, query)`.
// The endpoints (`EPCC.Cart(id)`, `EPCC.Customers`, `EPCC.Orders`) are plain objects over the
// gateway; their classes are in the bindings' glue.js. It also tells the module where its
// promise waits report. Called once, after the module is instantiated. Every argument, its
// checking and the request stay in the module.
import {
  CartEndpoint, CustomersEndpoint, Gateway, OrdersEndpoint, __calls, __gateway, __settled, onSettled,
} from './epcc_carts.js';

// What the module's `__gateway` and `__setCartId` return is the EpccError to throw for a bad
// value: a plain return value needs none of the glue a throwing export has.
const thrown = error => {
  if (error) throw error;
};

export const gateway = config => {
  const made = __gateway(config);
  if (made instanceof Gateway) return made;
  throw made;
};

export function installCalls() {
  // Where the module's promise waits report: its own export (see src/js/task.rs).
  onSettled(__settled);
  Object.defineProperties(Gateway.prototype, {
    cartId: {
      get: Object.getOwnPropertyDescriptor(Gateway.prototype, 'cartId').get,
      set(id) { thrown(this.__setCartId(id)); },
      configurable: true,
    },
    // The current cart is read when the endpoint is made, as in the official SDK.
    Cart: { value(id) { return new CartEndpoint(this, id ?? this.cartId); }, writable: true, configurable: true },
    Carts: { get() { return this.Cart(); }, configurable: true },
    Customers: { get() { return new CustomersEndpoint(this); }, configurable: true },
    Orders: { get() { return new OrdersEndpoint(this); }, configurable: true },
  });
  // The last group is CartEndpoint's list builders: each has its value checked by
  // `__build(index, value)`, throws the EpccError that returns for a value it does not take,
  // keeps the value for the next call that uses it, and returns the endpoint, for chaining.
  const classes = [CartEndpoint, CustomersEndpoint, OrdersEndpoint, CartEndpoint];
  __calls().split('|').forEach((names, group) => {
    names.split(' ').forEach((name, row) => {
      Object.defineProperty(classes[group].prototype, name, {
        value: group > 2
          ? {
            [name](value) {
              thrown(this.gateway.__build(row, value));
              (this.query ??= [])[row] = value;
              return this;
            },
          }[name]
          : { [name](...args) { return this.gateway.__call(group, row, args, this, this.cartId, this.query); } }[name],
        writable: true,
        configurable: true,
      });
    });
  });
}
