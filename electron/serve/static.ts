/**
 * Serves the built renderer: only files under its directory, with types, caching and security headers, compressed
 * (brotli or gzip) when the browser accepts it.
 *
 * Compression is done at build time (scripts/precompress.ts writes `<file>.br` and `<file>.gz`); a file without an
 * up-to-date sibling (a dev build, a file changed by hand) is compressed once in memory and kept in a bounded cache.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { basename, join, normalize, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { log } from '../log';
import { contentTypeFor } from '../security/content-types';
import { isCompressible, isPrecompressedSibling } from './compressible';
import { FileDerivedCache, type FileVersion } from './file-derived-cache';
import { type Encoding, chooseEncoding } from './negotiate';

export interface StaticRequest {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

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

/** Whole renderer compressed at runtime is ~1.5 MiB; this leaves room for a few rebuilds without growing forever. */
const runtimeCompressed = new FileDerivedCache<Buffer>(16 * 1024 * 1024, (body) => body.length);
const etags = new FileDerivedCache<string>(256 * 1024, (tag) => tag.length + 64);

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export async function serveStatic(
  root: string,
  req: StaticRequest,
  res: ServerResponse,
  headers: Record<string, string>,
) {
  try {
    await respond(root, req, res, headers);
  } catch (error) {
    log.error('serve mode: could not send %s: %s', req.url, error instanceof Error ? error.message : String(error));
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(500, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Could not read this file of the UI. Reload the page; if it keeps failing, rebuild or reinstall the app.');
  }
}

async function respond(root: string, req: StaticRequest, res: ServerResponse, headers: Record<string, string>) {
  const file = resolveStaticPath(root, req.url ?? '/');
  // The .br/.gz siblings are other encodings of a file, sent only as such (with its type and Content-Encoding).
  const info = file && !isPrecompressedSibling(file) ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  const compressible = isCompressible(file, info.size);
  const encoding: Encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
  const etag = representationTag(await etags.get(file, info, () => contentHash(file)), encoding);
  const common: Record<string, string> = {
    ...headers,
    'cache-control': isContentHashed(root, file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    ...(compressible ? { vary: 'Accept-Encoding' } : {}),
  };
  if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const body = await bodyFor(file, info, encoding);
  res.writeHead(200, {
    ...common,
    'content-type': contentTypeFor(file),
    'content-length': String(body.size),
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  });
  if (req.method === 'HEAD') {
    res.end();
  } else if ('data' in body) {
    res.end(body.data);
  } else {
    createReadStream(body.path)
      .on('error', () => res.destroy())
      .pipe(res);
  }
}

/**
 * Vite names what it emits under assets/ `<name>-<hash>.<ext>`; only such a name changes whenever its content does,
 * so only it may be cached for a year. The hash must hold a capital, digit, `_` or `-` so that a plain word
 * (`foo-overview.js`) is never taken for one.
 */
function isContentHashed(root: string, file: string): boolean {
  const inAssets = relative(root, file).split(sep)[0] === 'assets';
  return inAssets && /-(?=[A-Za-z0-9_-]*[A-Z0-9_-])[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/.test(basename(file));
}

async function contentHash(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('base64url')
    .slice(0, 22);
}

/** Each encoding is its own representation, so it has its own strong ETag. */
function representationTag(hash: string, encoding: Encoding): string {
  return encoding === 'identity' ? `"${hash}"` : `"${hash}-${encoding}"`;
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): a `W/` prefix does not stop a match. */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

type Body = { path: string; size: number } | { data: Buffer; size: number };

async function bodyFor(file: string, info: FileVersion, encoding: Encoding): Promise<Body> {
  if (encoding === 'identity') return { path: file, size: info.size };
  const sibling = `${file}${encoding === 'br' ? '.br' : '.gz'}`;
  const siblingInfo = await stat(sibling).catch(() => undefined);
  if (siblingInfo?.isFile() && siblingInfo.mtimeMs >= info.mtimeMs) return { path: sibling, size: siblingInfo.size };
  const data = await runtimeCompressed.get(`${file}\0${encoding}`, info, () => compressAtRuntime(file, encoding));
  return { data, size: data.length };
}

/** Middling levels: close to the build's ratio at a fraction of its time, since a request is waiting. */
async function compressAtRuntime(file: string, encoding: 'br' | 'gzip'): Promise<Buffer> {
  const source = await readFile(file);
  if (encoding === 'gzip') return gzipAsync(source, { level: 6 });
  return brotli(source, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
    },
  });
}
