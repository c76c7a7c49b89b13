// Section 2 in Node 20: the same call-cost rounds as in the browser (raw fetch, the official SDK,
// ours) against the release emulator, the three clients in this thread, as they share the
// browser's one page. (Each client in a worker thread with a heap of its own was tried: each
// worker kept a pace of its own for a whole run, and two copies of raw fetch differed by up to
// 16% by median round and 4% by median call; in one thread, by up to 1.6% by the mean of the
// middle half of the calls, the figure callCost gives.)
import { CLIENT_ID, EMULATOR_URL, clearJournal, importPackage, importTool, shopperStore } from './lib.mjs';
import { callCost, check, rawClient, sdkClient } from './www/clients.js';

/**
 * The call-cost rounds of `names` (`raw`, `official`, `ours`; `ours#2` and the like add a second
 * copy of a client, with a gateway of its own and, for ours, a new instance of the module, to see
 * how far two copies differ).
 */
export async function nodeCallCost(settings, names = ['raw', 'official', 'ours']) {
  const store = await shopperStore(5);
  const config = { emulator: EMULATOR_URL, clientId: CLIENT_ID, customerToken: store.customerToken };
  const clients = {};
  for (const name of names) {
    const [which, copy] = name.split('#');
    clients[name] = which === 'raw'
      ? await rawClient(config)
      : sdkClient(which === 'ours' ? await importPackage(undefined, copy) : await importTool('@moltin/sdk'), config);
  }
  // Warm-up: the token, and the JIT.
  for (const call of Object.values(clients)) for (let i = 0; i < 50; i++) check(await call());
  // The journal of the emulator is emptied every ten rounds, as it grows with every request.
  return callCost(clients, settings, round => (round % 10 === 9 ? clearJournal() : undefined));
}
