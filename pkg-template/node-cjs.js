// Source of node.cjs, the entry for Node and for server bundles (the `node` export condition),
// which `require` loads directly and node.js re-exports, so both share one instance. The
// module's bytes are part of the file, so it reads nothing from disk and works wherever a server
// bundler (Next.js, for one) puts it; it is compiled and instantiated synchronously, once, on
// load. scripts/finish-package.mjs bundles this file as CommonJS.
import { initSync, errorClass } from './epcc_carts.js';
import bytes from './epcc_carts_wasm.js';

initSync({ module: bytes });

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
