// The cart calls. The module exports one binding for all of them, `CartEndpoint.__call(index,
// args)`, and names them in order (`__cartCalls()`); each name becomes a method of
// `CartEndpoint.prototype` here, as a class method would (not enumerable). Called once, after
// the module is instantiated. Every argument, its checking and the request stay in the module.
import { CartEndpoint, __cartCalls } from './epcc_carts.js';

export function installCartCalls() {
  __cartCalls().split(' ').forEach((name, index) => {
    Object.defineProperty(CartEndpoint.prototype, name, {
      value: { [name](...args) { return this.__call(index, args); } }[name],
      writable: true,
      configurable: true,
    });
  });
}
