// Runs inside a fresh project that installed the packed tarball: the package loaded with
// CommonJS `require`, as a server written in CommonJS (or a tool that compiles to it) loads it.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { EpccError, MemoryStorageFactory, gateway, isEpccError } = require('epcc-carts');

test('require(): a client_credentials call, and errors from the same module', async () => {
  const { CLIENT_ID, CLIENT_SECRET, HOST } = await import('./lib/env.mjs');
  const Admin = gateway({
    client_id: CLIENT_ID, client_secret: CLIENT_SECRET, host: HOST, protocol: 'http',
    storage: new MemoryStorageFactory(),
  });
  const id = `node-require-${Date.now()}`;
  const { data } = await Admin.Cart(id).Get();
  assert.equal(data.id, id);
  assert.equal(data.type, 'cart');

  // A closed port: the call rejects (at once: one attempt) with the package's own EpccError.
  const closed = gateway({
    client_id: CLIENT_ID, host: '127.0.0.1:9', protocol: 'http', fetchMaxAttempts: 1, storage: new MemoryStorageFactory(),
  });
  await assert.rejects(closed.Cart(id).Get(), err => {
    assert.ok(err instanceof EpccError && err instanceof Error && isEpccError(err));
    assert.equal(err.kind, 'network');
    return true;
  });
});

// Node 20.19+ requires the ES module entry itself (the `module-sync` export condition), so a
// program that both imports and requires the package has one instance.
test('require() and import share one module: the same functions, the same EpccError', async () => {
  const esm = await import('epcc-carts');
  assert.equal(esm.gateway, gateway);
  assert.equal(esm.EpccError, EpccError);
  let thrown;
  try {
    esm.gateway({});
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown instanceof EpccError, 'an error from the imported module is an instance of the required class');
});
