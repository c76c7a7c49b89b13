// Section 2 in Node 20: the same call-cost rounds as in the browser (raw fetch, the official SDK,
// ours) against the release emulator, each client in a worker thread of its own (see
// node-client.mjs); one client runs at a time.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { CLIENT_ID, EMULATOR_URL, clearJournal, shopperStore } from './lib.mjs';
import { callCost } from './www/clients.js';

export async function nodeCallCost(settings, names = ['raw', 'official', 'ours']) {
  const store = await shopperStore(5);
  const config = { emulator: EMULATOR_URL, clientId: CLIENT_ID, customerToken: store.customerToken };
  const clients = {};
  const workers = [];
  for (const name of names) {
    // `ours#2`: a second copy of a client, to see how far two copies of one client differ.
    const which = name.split('#')[0];
    const worker = new Worker(new URL('./node-client.mjs', import.meta.url), { workerData: { which, config } });
    workers.push(worker);
    let failed;
    const failure = new Promise((_, reject) => { failed = reject; });
    failure.catch(() => {});
    worker.on('error', error => failed(error));
    const answer = async () => (await Promise.race([once(worker, 'message'), failure]))[0];
    if (await answer() !== 'ready') throw new Error(`the ${name} client did not start`);
    const ask = message => {
      worker.postMessage(message);
      return answer();
    };
    clients[name] = {
      sequential: count => ask({ count }),
      concurrent: (width, batches) => ask({ width, batches }),
    };
  }
  try {
    // The journal of the emulator is emptied every ten rounds, as it grows with every request.
    return await callCost(clients, settings, round => (round % 10 === 9 ? clearJournal() : undefined));
  } finally {
    await Promise.all(workers.map(w => w.terminate()));
  }
}
