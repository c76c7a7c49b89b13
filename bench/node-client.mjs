// One client of the Node call-cost rounds (bench/node.mjs), in a worker thread of its own: its
// own heap and garbage collector, so no client pays for what another left behind. It makes the
// calls it is asked for and answers with the milliseconds they took.
import { parentPort, workerData } from 'node:worker_threads';
import { importPackage, importTool } from './lib.mjs';
import { check, concurrent, rawClient, sdkClient, sequential } from './www/clients.js';

const { which, config } = workerData;
const call = which === 'raw'
  ? await rawClient(config)
  : sdkClient(which === 'ours' ? await importPackage() : await importTool('@moltin/sdk'), config);
// Warm-up: the token, and the JIT.
for (let i = 0; i < 50; i++) check(await call());
parentPort.on('message', async ({ count, width, batches }) => {
  parentPort.postMessage(count ? await sequential(call, count) : await concurrent(call, width, batches));
});
parentPort.postMessage('ready');
