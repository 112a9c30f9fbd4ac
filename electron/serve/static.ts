/**
 * Serves the built renderer: only files under its directory, with types, caching and security headers.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeFor } from '../security/content-types';

/** Resolves a URL path to a file inside `root`, or undefined when it would escape it. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative);
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : undefined;
}

export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>) {
  const file = resolveStaticPath(root, urlPath);
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  const type = contentTypeFor(file);
  // Hashed assets never change; index.html must always be fresh so a rebuild is picked up.
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...headers, 'content-type': type, 'content-length': String(info.size), 'cache-control': cache });
  createReadStream(file).pipe(res);
}
