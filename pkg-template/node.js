// Entry for Node (and other runtimes that resolve the `node` export condition): the
// WebAssembly module is read from disk and instantiated synchronously, once, on import.
import { readFileSync } from 'node:fs';
import { initSync, errorClass } from './epcc_carts.js';
import { installCartCalls } from './calls.js';

initSync({ module: readFileSync(new URL('./epcc_carts_bg.wasm', import.meta.url)) });
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
