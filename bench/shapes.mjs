// How much of an SDK's cost over raw fetch in Node comes from calling fetch the way an SDK does,
// with no SDK at all. Clients, in the call-cost rounds of bench/www/clients.js against the
// release emulator (Node 20, one thread):
//   raw         fetch(url, { headers }) and response.json(), as in the call-cost rows;
//   sdk-shaped  the same request made as both SDKs make it: fetch called from a promise callback,
//               an init with method, a copy of the headers, body and signal, then text() and
//               JSON.parse;
//   glue        the same request through this package's own `exchange` (src/js/glue.js), handed
//               the one-string request head the module makes (parsed into the init there);
//   official, ours  the two SDKs.
// Besides each client's calls a second, it prints how long `fetch` took to resolve in its
// sequential calls (the mean of the middle half): the request on the wire is the same for all
// five, so a longer wait there is the cost of the caller's work on what `fetch` does next (its
// code and data pushed out of the CPU's caches), not of the request.
// Started by scripts/shapes.sh, which provides the emulator. Prints a Markdown table.
import { CLIENT_ID, EMULATOR_URL, clearJournal, importPackage, importTool, shopperStore } from './lib.mjs';
import { callCost, check, middleMean, rawClient, rawRequest, sdkClient } from './www/clients.js';
import { exchange } from '../src/js/glue.js';

const ROUNDS = 200;
const store = await shopperStore(5);
const config = { emulator: EMULATOR_URL, clientId: CLIENT_ID, customerToken: store.customerToken };

// Which client is calling, and how many of its calls are in flight: `fetch` is timed for
// sequential calls only.
let caller;
let inFlight = 0;
const fetchTimes = {};
const realFetch = globalThis.fetch;
globalThis.fetch = function (...args) {
  const who = caller;
  const alone = inFlight++ === 0;
  const t0 = performance.now();
  return realFetch.apply(this, args).finally(() => {
    inFlight--;
    if (alone) (fetchTimes[who] ??= []).push(performance.now() - t0);
  });
};

/** raw fetch's request, made the ways the two shapes describe. */
async function shapedClients() {
  const { url, headers } = await rawRequest(config);
  const lines = Object.entries(headers).flat();
  return {
    'sdk-shaped': () => Promise.resolve()
      .then(() => fetch(url, { method: 'GET', headers: { ...headers }, body: undefined, signal: undefined }))
      .then(response => response.text())
      .then(text => JSON.parse(text)),
    // The module makes the head anew for every call, and reads the text by index; so does this
    // client.
    glue: () => exchange(fetch, globalThis, ['GET', url, ...lines].join('\n'), undefined, undefined)
      .then(exchanged => JSON.parse(exchanged[1])),
  };
}

const clients = {
  raw: await rawClient(config),
  ...(await shapedClients()),
  official: sdkClient(await importTool('@moltin/sdk'), config),
  ours: sdkClient(await importPackage(), config),
};
for (const [name, call] of Object.entries(clients)) {
  clients[name] = () => {
    caller = name;
    return call();
  };
  for (let i = 0; i < 50; i++) check(await clients[name]());
}
for (const name of Object.keys(fetchTimes)) fetchTimes[name] = [];

const rates = await callCost(clients, { sequential: 20, width: 25, batches: 1, rounds: ROUNDS },
  round => (round % 10 === 9 ? clearJournal() : undefined));
const typical = xs => middleMean(xs) * 1000;
const us = x => x.toFixed(1);
console.log(`\nNode 20, GetCartsList's request, ${ROUNDS} rounds of 20 sequential calls\n`);
console.log('| client | calls/s | /raw | µs a call | − raw | fetch → resolved, µs | − raw |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
const rawCall = 1e6 / rates.raw.sequential;
const rawFetch = typical(fetchTimes.raw);
for (const [name, { sequential }] of Object.entries(rates)) {
  const call = 1e6 / sequential;
  const waited = typical(fetchTimes[name]);
  console.log(`| ${name} | ${sequential.toFixed(0)} | ${(sequential / rates.raw.sequential).toFixed(3)} | ${us(call)} | ${us(call - rawCall)} | ${us(waited)} | ${us(waited - rawFetch)} |`);
}
process.exit(0);
