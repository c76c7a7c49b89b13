// Entry for browsers and for bundlers that emit `new URL('./x.wasm', import.meta.url)` as an
// asset (Vite, webpack 5, Next.js): the export conditions pick it for them. The WebAssembly module is fetched and instantiated here, once, before the first import of
// this package resolves, so `gateway({...})` can be called synchronously with no init step.
//
// If the .wasm cannot be had at that URL (a bundler that copied no asset, a server that does not
// serve it, a browser without streaming compilation), the module's bytes come from
// ./epcc_carts_wasm.js instead: a dynamic import, so a bundler makes it a chunk of its own that
// only such a page ever loads.
import { __wbg_get_imports as imports, __wbg_finalize_init as finish } from './epcc_carts.js';
import { installCalls } from './calls.js';

let wasm;
try {
  wasm = await WebAssembly.instantiateStreaming(fetch(new URL('./epcc_carts_bg.wasm', import.meta.url)), imports());
} catch {
  wasm = await WebAssembly.instantiate((await import('./epcc_carts_wasm.js')).default, imports());
}
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

