// What a GetCartsList costs the calling process in Node 20, against the release emulator: the
// process's CPU time (user + system, every thread) and the wall time a call, for raw fetch, the
// official SDK and ours (and, with EPCC_BEFORE=<directory of another build of the package>,
// that build too), in one process, the clients taking turns in short rounds. The emulator runs
// in a process of its own, so what a client adds to raw fetch's CPU time is what its own code
// costs among everything else a real call does (sockets, streams, the parser, the collector):
// several times what the same code costs with a fetch that answers at once (bench/overhead.mjs),
// where it runs alone and stays in the CPU's caches. Started by scripts/cpu.sh.
import { CLIENT_ID, EMULATOR_URL, clearJournal, importPackage, importTool, median, shopperStore } from './lib.mjs';
import { rawClient, sdkClient, sequential, turnOrder } from './www/clients.js';

const ROUNDS = 200;
const CALLS = 20; // a round: this many calls one after the other
const store = await shopperStore(5);
const config = { emulator: EMULATOR_URL, clientId: CLIENT_ID, customerToken: store.customerToken };
const clients = {
  raw: await rawClient(config),
  official: sdkClient(await importTool('@moltin/sdk'), config),
  ours: sdkClient(await importPackage(), config),
};
if (process.env.EPCC_BEFORE) clients.before = sdkClient(await importPackage(process.env.EPCC_BEFORE), config);
const names = Object.keys(clients);
for (const name of names) await sequential(clients[name], 100);

const cpu = Object.fromEntries(names.map(n => [n, []]));
const wall = Object.fromEntries(names.map(n => [n, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const name of turnOrder(names, round)) {
    const before = process.cpuUsage();
    wall[name].push(await sequential(clients[name], CALLS) * 1000 / CALLS);
    const used = process.cpuUsage(before);
    cpu[name].push((used.user + used.system) / CALLS);
  }
  // The journal grows with every request.
  if (round % 10 === 9) await clearJournal();
}

const us = n => `${Math.round(n)}`;
console.log(`\nNode 20, GetCartsList: µs a call (median of ${ROUNDS} rounds of ${CALLS}); + raw: what the client adds to raw fetch\n`);
console.log('| client | CPU | CPU + raw | wall | wall + raw |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const raw = { cpu: median(cpu.raw), wall: median(wall.raw) };
for (const name of names) {
  const c = median(cpu[name]), w = median(wall[name]);
  console.log(`| ${name} | ${us(c)} | ${name === 'raw' ? '' : us(c - raw.cpu)} | ${us(w)} | ${name === 'raw' ? '' : us(w - raw.wall)} |`);
}
process.exit(0);
