// Entry for Node and for server bundles (the `node` export condition). The module's bytes come
// from ./epcc_carts_wasm.js, not from a file read at run time, so it works wherever a server
// bundler (Next.js, for one) puts it; they are compiled and instantiated synchronously, once, on
// load. With no top-level await, Node 20.19+ loads this file for `require` too (the
// `module-sync` condition), so import and require share one instance. scripts/finish-package.mjs
// bundles it twice: as node.js (ES module) and as node.cjs (CommonJS, the bytes inlined), which
// is what `require` gets where Node cannot require an ES module.
import { initSync } from './epcc_carts.js';
import { installCalls } from './calls.js';
import bytes from './epcc_carts_wasm.js';

initSync({ module: bytes });
installCalls();

export { gateway } from './calls.js';
export {
  Gateway,
  CartEndpoint,
  // Written in JavaScript (the bindings' glue.js): the classes of EPCC.Customers and
  // EPCC.Orders, the class of every error this package throws or rejects with, `isEpccError`,
  // and the two storage classes.
  CustomersEndpoint,
  OrdersEndpoint,
  EpccError,
  MemoryStorageFactory,
  LocalStorageFactory,
  isEpccError,
} from './epcc_carts.js';

