/**
 * A small static file server for the built site, on 127.0.0.1, for the browser
 * tests and `pnpm preview`. It serves clean URLs the way static hosts do: `/x` is
 * `x.html`, `/x/` is `x/index.html`, and anything else gets `404.html` with status 404.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A running server and the way to stop it. */
export interface StaticServer {
  /** Origin of the server, such as `http://127.0.0.1:41234`. */
  origin: string;
  close(): Promise<void>;
}

/** Serves the files of `root` on 127.0.0.1 until `close` is called; port 0 lets the system choose one. */
export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    void respond(root, request.url ?? '/').then(({ status, body, type }) => {
      response.writeHead(status, { 'content-type': type, 'content-length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function respond(root: string, url: string): Promise<{ status: number; body: Buffer; type: string }> {
  const file = await findFile(root, new URL(url, 'http://127.0.0.1').pathname);
  if (file !== undefined) {
    return { status: 200, body: await readFile(file), type: CONTENT_TYPE_BY_EXTENSION[extname(file)] ?? 'application/octet-stream' };
  }
  return { status: 404, body: await readFile(join(root, '404.html')), type: CONTENT_TYPE_BY_EXTENSION['.html']! };
}

async function findFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const base = normalize(join(root, decoded));
  if (base !== normalize(root) && !base.startsWith(normalize(root + sep))) return undefined;
  const candidates = decoded.endsWith('/') ? [join(base, 'index.html')] : [base, `${base}.html`];
  for (const candidate of candidates) {
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
  }
  return undefined;
}
