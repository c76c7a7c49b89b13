// The calls of the endpoint classes. The module exports one binding per class for all of its
// calls, `__call(index, args)`, and names them in order (`__calls()`: each class's names, the
// classes separated by `|`); each name becomes a method of that class's prototype here, as a
// class method would (not enumerable). Called once, after the module is instantiated. Every
// argument, its checking and the request stay in the module.
import { CartEndpoint, CustomersEndpoint, OrdersEndpoint, __calls } from './epcc_carts.js';

export function installCalls() {
  const classes = [CartEndpoint, CustomersEndpoint, OrdersEndpoint];
  let index = 0;
  __calls().split('|').forEach((names, group) => {
    for (const name of names.split(' ')) {
      const row = index++;
      Object.defineProperty(classes[group].prototype, name, {
        value: { [name](...args) { return this.__call(row, args); } }[name],
        writable: true,
        configurable: true,
      });
    }
  });
}
