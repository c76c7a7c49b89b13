// The few pieces of the bindings that are plain JavaScript: the error class (a real `Error`
// subclass), the storage classes over Map and localStorage, and the cancellation plumbing
// around one call.

export class EpccError extends Error {
  constructor(message, kind, status, errors, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'EpccError';
    this.kind = kind;
    this.status = status;
    this.errors = errors;
  }
}

// Values in memory, for one gateway's lifetime: the official SDK's MemoryStorageFactory.
export class MemoryStorageFactory {
  constructor() {
    this.values = new Map();
  }

  get(key) {
    return this.values.get(key);
  }

  set(key, value) {
    this.values.set(key, value);
  }

  delete(key) {
    this.values.delete(key);
  }
}

// Values in localStorage (shared by the tabs of an origin, kept across reloads); in memory where
// there is none (Node, or a browser that refuses it). A missing key reads as `undefined`, as
// from memory, and a storage that throws (quota, private modes) loses the write, not the call.
export class LocalStorageFactory extends MemoryStorageFactory {
  constructor() {
    super();
    try {
      const local = globalThis.localStorage;
      if (local && typeof local === 'object') this.local = local;
    } catch {
      // Reading localStorage throws in some private modes.
    }
  }

  get(key) {
    if (!this.local) return super.get(key);
    try {
      return this.local.getItem(key) ?? undefined;
    } catch {
      // Refused: nothing is read.
    }
  }

  set(key, value) {
    if (!this.local) return super.set(key, value);
    try {
      this.local.setItem(key, value);
    } catch {
      // Full or refused: the value is not kept.
    }
  }

  delete(key) {
    if (!this.local) return super.delete(key);
    try {
      this.local.removeItem(key);
    } catch {
      // Refused: nothing to delete.
    }
  }
}

// `EPCC.Cart(id)` and `EPCC.Carts`: one cart's calls, run by the gateway they come from (its
// `__call`, which the methods hand the cart id and what the list builders took, `query`). A
// plain object: making one costs no module memory, and there is nothing to free.
export class CartEndpoint {
  constructor(gateway, cartId) {
    this.gateway = gateway;
    this.cartId = cartId;
  }
}

// `EPCC.Customers` and `EPCC.Orders`: the calls that need no cart, run the same way. The
// package's entries install the methods of all three classes.
export class CustomersEndpoint {
  constructor(gateway) {
    this.gateway = gateway;
  }
}

export class OrdersEndpoint {
  constructor(gateway) {
    this.gateway = gateway;
  }
}

export function isEpccErrorValue(value) {
  return value instanceof EpccError;
}

// One call's cancellation: the caller's AbortSignal and the timeout both abort `signal`, which
// is passed to fetch and ends every wait of the call.
export class CallScope {
  constructor(userSignal, timeoutMs) {
    const controller = new AbortController();
    this.signal = controller.signal;
    this.userSignal = userSignal;
    this.onUserAbort = () => controller.abort('aborted');
    if (userSignal) userSignal.addEventListener('abort', this.onUserAbort, { once: true });
    this.timer = timeoutMs > 0 ? setTimeout(() => controller.abort('timeout'), timeoutMs) : undefined;
    // Rejects when the call is cancelled; the module reads why from `timedOut`.
    this.cancelled = new Promise((_, reject) => this.signal.addEventListener('abort', reject));
    this.cancelled.catch(() => {});
  }

  get timedOut() {
    return this.signal.reason === 'timeout';
  }

  // Settles like `promise`, or rejects as soon as the call is cancelled.
  wait(promise) {
    return Promise.race([promise, this.cancelled]);
  }

  sleep(ms) {
    let timer;
    const slept = new Promise(resolve => {
      timer = setTimeout(resolve, ms);
    });
    return this.wait(slept).finally(() => clearTimeout(timer));
  }

  close() {
    clearTimeout(this.timer);
    if (this.userSignal) this.userSignal.removeEventListener('abort', this.onUserAbort);
  }
}

// A wait that nothing can cancel (a call without a signal or a timeout).
// `globalThis`, for the module (an imported static would be made lazily, with panic paths).
export const globalObject = () => globalThis;

// Writes `text` as UTF-8 into the module's memory at [at, at + room): how the module reads a
// string (see `string` in src/js/sys.rs). Returns the bytes written.
const encoder = new TextEncoder();
export const encodeInto = (text, memory, at, room) =>
  encoder.encodeInto(text, new Uint8Array(memory.buffer, at, room)).written;

// How the module reads numbers and booleans (see `number` and `boolean` in src/js/sys.rs).
export const isNumber = value => typeof value == 'number';
export const isBoolean = value => typeof value == 'boolean';
export const numberValue = value => value;

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// One attempt. The request comes as one string, `head`: the method, the address, then each
// header's name and value, a line each (the module refuses line breaks in all of them), with the
// body (or `undefined`) and the call's AbortSignal (or `undefined`) beside it. Calls `fetch` and,
// once it answers, reads the body as text and the status, so that the module waits once per
// attempt: a promise of `[response, text, status]` (a status getter that throws rejects it, as a
// failure to reach the API). A `custom_fetch` may resolve with a look-alike of a Response (an
// object with `status`, `headers.get` and `text()`).
// `fetch` is called from a microtask of its own rather than from inside the module's call: with
// the caller's frames and the module's below it, Chromium's fetch took about 0.2 ms longer to
// answer (measured against the emulator, one page, the official SDK alongside), and what fetch
// throws becomes a rejection like any other failure to reach the API.
// The headers object is made once for as long as the headers' lines stay the same (calls of one
// gateway send the same ones): each call gets a copy, which a custom fetch may change.
let headerLines, headerObject;
export const exchange = (fetch, self, head, body, signal) => {
  const method = head.indexOf('\n');
  const url = head.indexOf('\n', method + 1);
  const lines = head.slice(url + 1);
  if (lines !== headerLines) {
    headerObject = {};
    const split = lines.split('\n');
    for (let i = 0; i < split.length; i += 2) headerObject[split[i]] = split[i + 1];
    headerLines = lines;
  }
  const init = { method: head.slice(0, method), headers: { ...headerObject }, body, signal };
  return Promise.resolve().then(() => fetch.call(self, head.slice(method + 1, url), init)).then(response => {
    if (!response || typeof response != 'object') throw 'fetch resolved with something that is not a Response';
    return Promise.resolve(response.text()).then(text => [response, text, response.status]);
  });
};

// A page's first Web Lock request waits for the connection to the lock manager (4 to 10 ms in
// Chromium, against about 1 ms for the next): asking it for nothing while the module loads opens
// that connection early, before the first call needs a token.
try {
  globalThis.navigator?.locks?.query().catch(() => {});
} catch {
  // A context without access to Web Locks: the first call finds out again.
}

// Resolves with a function that releases the Web Lock `name` once it is held, so that tabs of one
// origin take turns; at once, with a no-op, where there are no Web Locks (Node, old browsers) or
// when the gateway's `storage` is one no other tab reads (the two classes above keeping values in
// memory). The function's `waited` is true when another tab held the lock first.
export function acquireLock(name, storage) {
  const locks = globalThis.navigator && globalThis.navigator.locks;
  if (!locks || (storage instanceof MemoryStorageFactory && !storage.local)) return Promise.resolve(() => {});
  return new Promise(held => {
    const hold = waited => () => new Promise(release => {
      release.waited = waited;
      held(release);
    });
    locks.request(name, { ifAvailable: true }, lock => {
      if (lock) return hold(false)();
      locks.request(name, hold(true));
      return undefined;
    });
  });
}

// How a task waits on a promise (src/js/task.rs): the module's one callback learns which task it
// was and how the promise settled, so no wait makes a function of its own, and what the callback
// returns settles the promise `listen` returns: the next wait's promise, the task's value, or a
// rejected promise.
let settled;
export function onSettled(callback) {
  settled = callback;
}

export const listen = (promise, task) =>
  promise.then(value => settled(task, true, value), reason => settled(task, false, reason));
