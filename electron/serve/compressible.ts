/**
 * Which files of the built UI are worth compressing, shared by the build step that writes `.br`/`.gz` siblings and
 * by serve mode, so both agree on what a browser may get compressed.
 */
import { extname } from 'node:path';

/** Below this a compressed body saves less than its own headers and the work of decoding it. */
export const MIN_COMPRESS_BYTES = 1024;

/** Text formats. Images, woff/woff2 and the like are compressed already: a second pass only costs time. */
const compressibleExtensions = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.txt',
  '.svg',
  '.wasm',
  '.ico',
  '.ttf',
]);

/** The suffixes of the precompressed siblings, which are representations of their source, not files of their own. */
export const PRECOMPRESSED_SUFFIXES = ['.br', '.gz'] as const;

export function isCompressible(path: string, size: number): boolean {
  return size >= MIN_COMPRESS_BYTES && compressibleExtensions.has(extname(path).toLowerCase());
}

export function isPrecompressedSibling(path: string): boolean {
  return PRECOMPRESSED_SUFFIXES.some((suffix) => path.toLowerCase().endsWith(suffix));
}
