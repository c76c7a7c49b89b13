'use client';
// A Client Component: the SDK runs in the browser, with the implicit token (no secret).
import { useEffect, useState } from 'react';
import { EpccError, MemoryStorageFactory, gateway, isEpccError } from 'epcc-carts';

export default function ClientCart({ clientId, host, cart }) {
  const [result, setResult] = useState(null);
  useEffect(() => {
    const EPCC = gateway({ client_id: clientId, host, protocol: 'http', storage: new MemoryStorageFactory() });
    EPCC.Cart(cart).Get().then(
      ({ data }) => {
        let invalid;
        try {
          gateway({});
        } catch (err) {
          invalid = err;
        }
        setResult({
          cart: { id: data.id, type: data.type },
          error: { isEpccError: isEpccError(invalid), instanceOf: invalid instanceof EpccError, kind: invalid?.kind },
        });
      },
      err => setResult({ failed: `${err.name}: ${err.message}` }),
    );
  }, [clientId, host, cart]);
  return <pre id="client" data-status={result ? (result.failed ? 'failed' : 'done') : undefined}>{result ? JSON.stringify(result) : 'running…'}</pre>;
}
