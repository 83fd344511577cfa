#!/usr/bin/env node
// Static server for the demo page (no dependencies): `node scripts/serve.mjs` or `make serve`.
//
//   /           -> www/            (the demo page)
//   /pkg/       -> $CNID_PKG_DIR   (the built npm package, default <repo>/pkg)
//   /fixtures/  -> tests/fixtures/ (sample dumps and the TEST ONLY trust anchors)
//
// Listens on 127.0.0.1:$PORT only (default 8080; PORT=0 picks a free port). The first line on
// stdout is always "cnid-verify demo: http://127.0.0.1:PORT/" (the tests read the port from it).
// Also importable: `startServer({ mounts, host, port })` serves any directories the same way.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jwks': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pem': 'text/plain; charset=utf-8',
  '.crt': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.cts': 'text/plain; charset=utf-8',
  '.mts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.cose': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.der': 'application/octet-stream',
  '.cer': 'application/octet-stream',
};

/** The mounts of the demo: URL prefix -> directory. */
export function demoMounts(pkgDir = process.env.CNID_PKG_DIR || path.join(ROOT, 'pkg')) {
  return {
    '/pkg/': path.resolve(pkgDir),
    '/fixtures/': path.join(ROOT, 'tests', 'fixtures'),
    '/': path.join(ROOT, 'www'),
  };
}

/** Maps a URL path to a file inside one of the mounts, or null (never outside a mount). */
function resolveFile(mounts, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  // Longest prefix first, so /pkg/ wins over /.
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    const bare = prefix.replace(/\/$/, '');
    if (decoded !== bare && !decoded.startsWith(prefix) && prefix !== '/') continue;
    const root = mounts[prefix];
    const rest = decoded === bare ? '' : decoded.slice(prefix.length);
    const file = path.resolve(root, '.' + path.posix.normalize('/' + rest));
    if (file !== root && !file.startsWith(root + path.sep)) return null;
    return { file, root, redirectSlash: decoded === bare && bare !== '' };
  }
  return null;
}

/** Creates (does not start) the HTTP server for `mounts` ({ '/prefix/': dir }). */
export function createStaticServer(mounts, { quiet = true } = {}) {
  const resolved = Object.fromEntries(Object.entries(mounts).map(([k, v]) => [k, path.resolve(v)]));
  return http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
      if (!quiet) console.log(`${status} ${req.method} ${req.url}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    const urlPath = new URL(req.url, 'http://localhost').pathname;
    const hit = resolveFile(resolved, urlPath);
    if (!hit) return send(404, 'Not Found\n');
    if (hit.redirectSlash) return send(301, '', { Location: urlPath + '/' });
    let file = hit.file;
    let stat;
    try {
      stat = fs.statSync(file);
      if (stat.isDirectory()) {
        if (!urlPath.endsWith('/')) return send(301, '', { Location: urlPath + '/' });
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
    } catch {
      return send(404, 'Not Found\n');
    }
    if (!stat.isFile()) return send(404, 'Not Found\n');
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (!quiet) console.log(`200 ${req.method} ${req.url}`);
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
}

/** Starts a server; resolves to { server, url, port, close() }. */
export async function startServer({ mounts = demoMounts(), host = '127.0.0.1', port = 0, quiet = true } = {}) {
  const server = createStaticServer(mounts, { quiet });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port: actual,
    url: `http://${shownHost}:${actual}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const mounts = demoMounts();
  const port = Number.parseInt(process.env.PORT ?? '8080', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: bad PORT ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  const host = '127.0.0.1';
  try {
    const { url, close } = await startServer({ mounts, host, port, quiet: !process.env.VERBOSE });
    console.log(`cnid-verify demo: ${url}`);
    if (!fs.existsSync(path.join(mounts['/pkg/'], 'browser.js'))) {
      console.log(`warning: ${mounts['/pkg/']}/browser.js is missing: build the package (make pkg) or set CNID_PKG_DIR`);
    }
    console.log('Ctrl-C stops the server.');
    const stop = () => close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(`serve: cannot listen on ${host}:${port}: ${err.message}`);
    process.exit(1);
  }
}
