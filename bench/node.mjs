// Section 2 in Node 20: the same call-cost rounds as in the browser (raw fetch, the official SDK,
// ours), in this process, against the release emulator.
import { pathToFileURL } from 'node:url';
import { CLIENT_ID, EMULATOR_URL, REPO, clearJournal, importTool, shopperStore } from './lib.mjs';
import { callCost, setupClients } from './www/clients.js';

export async function nodeCallCost(settings) {
  const store = await shopperStore(5);
  const config = { emulator: EMULATOR_URL, clientId: CLIENT_ID, customerToken: store.customerToken };
  const official = await importTool('@moltin/sdk');
  const ours = await import(pathToFileURL(`${REPO}pkg/node.js`).href);
  const clients = await setupClients(official, ours, config);
  // The journal of the emulator is emptied every ten rounds, as it grows with every request.
  return callCost(clients, settings, round => (round % 10 === 9 ? clearJournal() : undefined));
}
