// What every test needs: where the emulator is, its credentials, and a way to make customers.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { emulatorClient } from './emulator.mjs';

export const EMULATOR_URL = required('EPCC_EMULATOR_URL');
export const CLIENT_ID = process.env.EPCC_CLIENT_ID ?? 'demo-client-id';
export const CLIENT_SECRET = process.env.EPCC_CLIENT_SECRET ?? 'demo-client-secret';
export const HOST = new URL(EMULATOR_URL).host;
/** Raw calls to the emulator under test, as the store's client_credentials client. */
export const emulator = emulatorClient(EMULATOR_URL, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through scripts/test-package.sh`);
  return value;
}

let adminToken;

/** Creates a customer through the API (not the SDK under test) and returns its id, email and password. */
export async function createCustomer(label) {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const customer = { name: `Test ${label}`, email: `${label}-${unique}@example.com`, password: `pw-${unique}` };
  adminToken ??= await emulator.adminToken();
  const { data } = await emulator.api('POST', '/v2/customers', {
    token: adminToken,
    body: { data: { type: 'customer', ...customer } },
  });
  return { id: data.id, email: customer.email, password: customer.password };
}

/**
 * Starts a server process that prints its URL on stdout; resolves `{ url, stop }`.
 * Tools colour that line when they see `CI` or a TTY, so escape sequences are dropped before
 * matching; a server that prints no URL in time is killed, never left running.
 */
export async function startServer(command, args, options) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  let output = '';
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} printed no URL: ${output}`)), 30_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', chunk => {
        output += chunk;
        const match = output.replace(ANSI_ESCAPE, '').match(/(http:\/\/(?:127\.0\.0\.1|localhost):\d+)/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', code => {
        clearTimeout(timer);
        reject(new Error(`${command} exited with ${code}: ${output}`));
      });
    });
    child.stdout.resume();
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// CSI sequences such as the colours and bold of `\x1b[1m42073\x1b[22m`.
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[ -\/]*[@-~]/g;
