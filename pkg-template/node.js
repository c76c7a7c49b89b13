// Entry for Node's `import` (the `node` export condition): the CommonJS entry re-exported, so a
// program that both imports and requires this package gets one module, one EpccError class.
import cjs from './node.cjs';

export const {
  gateway,
  Gateway,
  CartEndpoint,
  CustomersEndpoint,
  OrdersEndpoint,
  MemoryStorageFactory,
  LocalStorageFactory,
  EpccError,
  isEpccError,
} = cjs;
