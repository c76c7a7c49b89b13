// A small static server for the demo storefront: www/ at `/`, the built package at `/pkg/`,
// and `/config.json`, which tells the page where the emulator is. No dependencies.
//
//   EPCC_EMULATOR_URL=http://127.0.0.1:4010 node www/server.js [--port 8080]
//
// Environment: EPCC_EMULATOR_URL (default http://127.0.0.1:4010), EPCC_CLIENT_ID,
// EPCC_CLIENT_SECRET (shown in the admin panel: a demo store only!), EPCC_DEMO_CUSTOMERS
// ("email password" pairs, one a line), EPCC_PKG_DIR (default ../pkg), PORT (default 8080;
// 0 picks a free one). The first line on stdout is `www listening on http://127.0.0.1:PORT`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(fileURLToPath(new URL('.', import.meta.url)));
const roots = {
  '/pkg/': resolve(process.env.EPCC_PKG_DIR ?? join(here, '..', 'pkg')),
  '/': here,
};
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

function config() {
  const url = new URL(process.env.EPCC_EMULATOR_URL ?? 'http://127.0.0.1:4010');
  const customers = (process.env.EPCC_DEMO_CUSTOMERS ?? '')
    .split('\n')
    .map(line => line.trim().split(/\s+/))
    .filter(parts => parts.length === 2)
    .map(([email, password]) => ({ email, password }));
  return {
    host: url.host,
    protocol: url.protocol.replace(':', ''),
    client_id: process.env.EPCC_CLIENT_ID ?? 'demo-client-id',
    client_secret: process.env.EPCC_CLIENT_SECRET ?? '',
    customers,
  };
}

async function serve(request, response) {
  const { pathname } = new URL(request.url, 'http://localhost');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (pathname === '/config.json') {
    response.writeHead(200, { 'content-type': types['.json'], 'cache-control': 'no-store' });
    response.end(JSON.stringify(config()));
    return;
  }
  const prefix = Object.keys(roots).find(p => pathname.startsWith(p));
  const root = roots[prefix];
  let file = normalize(join(root, decodeURIComponent(pathname.slice(prefix.length))));
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    response.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${pathname}\n`);
  }
}

const portArg = process.argv.indexOf('--port');
const port = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.PORT ?? 8080));
const server = createServer((req, res) => {
  serve(req, res).catch(err => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`www listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
