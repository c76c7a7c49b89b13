// Section 5: the emulator under load (Debian's wrk on loopback) and listing latency versus
// store size (the emulator's own in-process benchmark).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { EMULATOR_URL, REPO, adminToken, call, resetStore } from './lib.mjs';

const run = promisify(execFile);

// wrk prints latencies like "1.23ms", "512.00us", "1.01s".
function toMs(text) {
  const [, value, unit] = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  return Number(value) * { us: 0.001, ms: 1, s: 1000, m: 60000 }[unit];
}

function parseWrk(output) {
  const percentile = p => toMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(output)[1]);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)[1]),
    p50: percentile(50),
    p99: percentile(99),
    errors: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0) +
      (/Socket errors: (.*)/.exec(output)?.[1] ?? '').split(',').reduce((n, s) => n + Number(s.replace(/\D/g, '') || 0), 0),
  };
}

async function wrk({ duration, connections, args, env }) {
  const { stdout } = await run('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', ...args], {
    env: { ...process.env, ...env },
    timeout: (duration + 30) * 1000,
  });
  return parseWrk(stdout);
}

export async function emulatorLoad({ duration, connections }) {
  await resetStore();
  const token = await adminToken();
  const post = (path, body) => call('POST', path, { token, body });
  const { data: customer } = await post('/v2/customers', {
    data: { type: 'customer', name: 'Load', email: 'load@example.com', password: 'load-password' },
  });
  for (let i = 0; i < 100; i++) await post('/v2/carts', { data: { id: `load-cart-${i}`, name: `Load cart ${i}` } });

  const list = await wrk({
    duration, connections,
    args: ['-H', `Authorization: Bearer ${token}`, `${EMULATOR_URL}/v2/carts`],
  });
  const associate = await wrk({
    duration, connections,
    args: ['-s', `${REPO}bench/wrk/associate.lua`, EMULATOR_URL],
    env: { BENCH_TOKEN: token, BENCH_CUSTOMER: customer.id },
  });
  return { list, associate };
}

/** Runs epcc-emulator-bench (built by bench.sh) and keeps the first-page and deep-offset rows. */
export async function listingVsStoreSize() {
  const child = spawn(`${REPO}target/release/epcc-emulator-bench`, [], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', chunk => { output += chunk; });
  const timer = setTimeout(() => child.kill('SIGTERM'), 180_000);
  const code = await new Promise(resolve => child.on('exit', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`epcc-emulator-bench exited with ${code}:\n${output}`);
  const rows = [];
  for (const line of output.split('\n')) {
    const m = /^\s*(\d+)\s+(all carts|one customer), (first page|deep offset)\s+(\d+)\s+([\d.]+) µs\s+([\d.]+) µs\s+([\d.]+) µs/.exec(line);
    if (m) rows.push({ carts: Number(m[1]), scope: m[2], page: m[3], offset: Number(m[4]), query: Number(m[5]), median: Number(m[6]), p99: Number(m[7]) });
  }
  if (!rows.length) throw new Error(`no rows in the output of epcc-emulator-bench:\n${output}`);
  return rows;
}
