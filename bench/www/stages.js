// Where a call's time goes, stage by stage, shared by Node and the browser page (bench/stages.mjs).
// Each SDK gets a `custom_fetch` that calls the real fetch and notes the time at each stage:
// the SDK call until fetch is called, fetch until its response, the response until the SDK asks
// for the body, reading the body, and the body until the caller resumes; raw fetch (the call-cost
// rounds' client, `json()` and all) goes through the same function first. The clients take turns
// in short rounds (the starting one rotating, every other round reversed); each figure is the
// median over every call, in microseconds.

import { rawClient, turnOrder } from './clients.js';

export const STAGES = ['call → fetch', 'fetch → response', 'response → text()', 'text()', 'text → caller', 'total'];

export async function measureStages(modules, { emulator, clientId, customerToken }, rounds, perRound = 10) {
  let t = {};
  const now = () => performance.now();
  const custom_fetch = async (url, init) => {
    t.fetch = now();
    const response = await fetch(url, init);
    t.response = now();
    const text = () => {
      t.text = now();
      return response.text().then(body => {
        t.body = now();
        return body;
      });
    };
    return {
      status: response.status,
      ok: response.ok,
      headers: response.headers,
      text,
      json: () => text().then(JSON.parse),
    };
  };
  const calls = { raw: await rawClient({ emulator, clientId, customerToken, fetch: custom_fetch }) };
  Object.assign(calls, Object.fromEntries(Object.entries(modules).map(([name, module]) => {
    const EPCC = module.gateway({
      client_id: clientId,
      host: new URL(emulator).host,
      protocol: new URL(emulator).protocol.slice(0, -1),
      custom_fetch,
      storage: new module.MemoryStorageFactory(),
    });
    return [name, () => EPCC.Cart().GetCartsList(customerToken)];
  })));
  for (const call of Object.values(calls)) for (let i = 0; i < 30; i++) await call();
  const names = Object.keys(calls);
  const samples = Object.fromEntries(names.map(n => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of turnOrder(names, round)) {
      for (let i = 0; i < perRound; i++) {
        t = {};
        const start = now();
        await calls[name]();
        const end = now();
        samples[name].push([t.fetch - start, t.response - t.fetch, t.text - t.response, t.body - t.text, end - t.body, end - start]);
      }
    }
  }
  const median = xs => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return Object.fromEntries(Object.entries(samples).map(([name, rows]) =>
    [name, STAGES.map((_, i) => Math.round(median(rows.map(r => r[i])) * 1000))]));
}
