// The public types of `epcc-carts`. The classes and functions come from the generated
// bindings; their initialisation functions stay private, as the entry modules call them.
/// <reference lib="esnext.disposable" />

export {
  gateway,
  Gateway,
  CartEndpoint,
  CustomersEndpoint,
  MemoryStorageFactory,
  LocalStorageFactory,
  EpccError,
  isEpccError,
} from './epcc_carts.js';

export type {
  GatewayConfig,
  FetchInit,
  StorageLike,
  RequestOptions,
  Money,
  Relationship,
  Cart,
  CartInput,
  PageLinks,
  CartsListResponse,
  CartResponse,
  AssociationResponse,
  EmptyResponse,
  CustomerTokenResponse,
  AccessTokenResponse,
  CartsFilter,
  ApiErrorItem,
  EpccErrorKind,
} from './epcc_carts.js';
