// Entry for bundlers that leave `new URL('./x.wasm', import.meta.url)` alone and so would ship
// no .wasm file (esbuild, Rollup without plugins): the export conditions pick it for a `browser`
// build that sets none of `development`, `production` or `webpack`. The module's bytes are part of
// the bundle (./epcc_carts_wasm.js), so nothing is fetched and nothing needs copying; they are
// instantiated once, before the first import of this package resolves.
import { __wbg_get_imports as imports, __wbg_finalize_init as finish } from './epcc_carts.js';
import { installCalls } from './calls.js';
import bytes from './epcc_carts_wasm.js';

const wasm = await WebAssembly.instantiate(bytes, imports());
finish(wasm.instance, wasm.module);
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

