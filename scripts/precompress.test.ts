import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompressDirectory } from './precompress';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('precompressing the built UI', () => {
  it('writes .br and .gz next to each text file worth it, which decode to the file exactly', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-precompress-'));
    mkdirSync(join(dir, 'assets'));
    const js = 'export const rows = [' + Array.from({ length: 400 }, (_, i) => `{ id: ${i} }`).join(', ') + '];\n';
    const html = `<!doctype html><title>Cockpit</title>${'<p>filler</p>'.repeat(100)}`;
    writeFileSync(join(dir, 'assets', 'index-Bx7yQ2aZ.js'), js);
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'assets', 'tiny-C1a2b3c4.css'), 'body{margin:0}');
    writeFileSync(join(dir, 'assets', 'logo-D1a2b3c4.png'), Buffer.alloc(4096, 7));

    const written = await precompressDirectory(dir);

    expect(written.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['assets/index-Bx7yQ2aZ.js', 'index.html']);
    const file = join(dir, 'assets', 'index-Bx7yQ2aZ.js');
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(js);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(js);
    expect(gunzipSync(readFileSync(join(dir, 'index.html.gz'))).toString()).toBe(html);
    expect(readFileSync(`${file}.br`).length).toBeLessThan(js.length / 4);
    // Tiny files and already-compressed images get no siblings; a second run does not compress the siblings.
    expect(readdirSync(join(dir, 'assets')).sort()).toEqual([
      'index-Bx7yQ2aZ.js',
      'index-Bx7yQ2aZ.js.br',
      'index-Bx7yQ2aZ.js.gz',
      'logo-D1a2b3c4.png',
      'tiny-C1a2b3c4.css',
    ]);
    await precompressDirectory(dir);
    expect(readdirSync(join(dir, 'assets'))).toHaveLength(5);
  });
});
