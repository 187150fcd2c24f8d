/**
 * A small static file server for the production build, used by browser tests
 * and benchmarks: directory URLs serve index.html, unknown paths the site's
 * 404 page, and .wasm gets its MIME type so streaming compilation works.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.zst': 'application/octet-stream',
  '.xml': 'application/xml',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

function resolveFile(root: string, urlPath: string): string | undefined {
  const clean = path.normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(root, clean);
  if (!file.startsWith(root)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return existsSync(file) ? file : undefined;
}

/** Serves `root` on a free port of 127.0.0.1. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const absRoot = path.resolve(root);
  if (!existsSync(path.join(absRoot, 'index.html'))) {
    throw new Error(`${absRoot} has no index.html: build the site first with "npm run build".`);
  }
  const server: Server = createServer((req, res) => {
    const file = resolveFile(absRoot, req.url ?? '/');
    const status = file ? 200 : 404;
    const body = file ?? path.join(absRoot, '404.html');
    // Caching as GitHub Pages does it (max-age=600 plus a validator), so "warm cache" means something.
    const stat = statSync(body);
    const modified = stat.mtime.toUTCString();
    if (file && req.headers['if-modified-since'] === modified) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(status, {
      'content-type': TYPES[path.extname(body)] ?? 'application/octet-stream',
      'cache-control': 'max-age=600',
      'last-modified': modified,
      'content-length': stat.size,
    });
    createReadStream(body).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
