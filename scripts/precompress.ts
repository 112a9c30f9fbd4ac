/**
 * Build step (a Vite plugin on the renderer): writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip,
 * level 9) next to each compressible file of the built UI, so serve mode sends the smallest bytes without spending
 * time compressing per request. electron/serve/static.ts serves a sibling only while it is newer than its source.
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { type Plugin } from 'vite';
import { isCompressible, isPrecompressedSibling } from '../electron/serve/compressible';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'cockpit:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    // After the files are on disk, index.html included; what the bundler keeps in memory is not the final HTML.
    async writeBundle(options) {
      await precompressDirectory(options.dir ?? outDir);
    },
  };
}

/** Returns the files it wrote siblings for. */
export async function precompressDirectory(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !isPrecompressedSibling(path)) files.push(path);
  }
  const written = await Promise.all(files.map((file) => precompressFile(file)));
  return files.filter((_, i) => written[i]);
}

async function precompressFile(file: string): Promise<boolean> {
  const info = await stat(file);
  if (!isCompressible(file, info.size)) return false;
  const source = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(source, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }),
    gzipAsync(source, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
  return true;
}
