// Entry for browsers and bundlers. The WebAssembly module is fetched and instantiated here, once,
// before the first import of this package resolves, so `gateway({...})` can be called
// synchronously with no init step. Bundlers (Vite, Rollup, webpack 5) see the
// `new URL(..., import.meta.url)` below and emit the .wasm file as an asset.
import init, { errorClass } from './epcc_carts.js';
import { installCartCalls } from './calls.js';

await init({ module_or_path: new URL('./epcc_carts_bg.wasm', import.meta.url) });
installCartCalls();

export {
  gateway,
  Gateway,
  CartEndpoint,
  CustomersEndpoint,
  OrdersEndpoint,
  MemoryStorageFactory,
  LocalStorageFactory,
  isEpccError,
} from './epcc_carts.js';

/** The class of every error this package throws or rejects with. */
export const EpccError = errorClass();
