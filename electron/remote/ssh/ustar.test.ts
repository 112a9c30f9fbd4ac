import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTools } from '../../../test/support/system-tool';
import { type TarEntry, entryHeaders, splitUstarPath, tarStream } from './ustar';

const root = mkdtempSync(join(tmpdir(), 'cockpit-ustar-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a reader sees in a header block: its name fields, size, type and whether the checksum holds. */
function readHeader(block: Buffer) {
  const text = (from: number, width: number) =>
    block
      .subarray(from, from + width)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  const stored = parseInt(text(148, 8).trim(), 8);
  const copy = Buffer.from(block);
  copy.fill(' ', 148, 156);
  const sum = copy.reduce((n, b) => n + b, 0);
  return {
    name: text(0, 100),
    prefix: text(345, 155),
    mode: parseInt(text(100, 8), 8),
    size: parseInt(text(124, 12), 8),
    type: text(156, 1),
    magic: text(257, 6),
    checksumOk: stored === sum,
  };
}

describe('ustar writer', () => {
  it('writes a header tar readers accept: name, mode, size, type and a valid checksum', () => {
    const [block] = entryHeaders({ name: 'bin/run.sh', kind: 'file', mode: 0o755, size: 12 });
    expect(block).toHaveLength(512);
    expect(readHeader(block as Buffer)).toEqual({
      name: 'bin/run.sh',
      prefix: '',
      mode: 0o755,
      size: 12,
      type: '0',
      magic: 'ustar',
      checksumOk: true,
    });
  });

  it('splits a long path into prefix and name, and falls back to a pax header when no split fits', () => {
    const deep = `${'a'.repeat(80)}/${'b'.repeat(80)}/file.txt`;
    expect(splitUstarPath(deep)).toEqual({ prefix: 'a'.repeat(80), name: `${'b'.repeat(80)}/file.txt` });
    const long = `${'c'.repeat(120)}.txt`;
    expect(splitUstarPath(long)).toBeNull();
    const blocks = entryHeaders({ name: long, kind: 'file', mode: 0o644, size: 1 });
    expect(readHeader(blocks[0] as Buffer).type).toBe('x');
    expect((blocks[1] as Buffer).toString('utf8')).toBe(`${long.length + 10} path=${long}\n`);
  });

  it('ends the archive with two zero blocks and pads file data to whole blocks', async () => {
    const bytes = await buffer(
      tarStream([{ name: 'a.txt', kind: 'file', mode: 0o644, size: 3, source: Buffer.from('abc') }]),
    );
    expect(bytes.length).toBe(512 + 512 + 1024);
    expect(bytes.subarray(512, 515).toString()).toBe('abc');
    expect(bytes.subarray(1024).every((b) => b === 0)).toBe(true);
  });

  it('refuses paths that climb out of the archive, and files that changed size while being read', async () => {
    await expect(buffer(tarStream([{ name: '../x', kind: 'dir', mode: 0o755, size: 0 }]))).rejects.toThrow(
      /relative paths inside the archive/,
    );
    const file = join(root, 'grew.txt');
    writeFileSync(file, 'longer than said');
    await expect(
      buffer(tarStream([{ name: 'grew.txt', kind: 'file', mode: 0o644, size: 4, source: file }])),
    ).rejects.toThrow(/changed while it was being uploaded/);
  });

  it.skipIf(!hasTools('tar'))('is unpacked by the system tar with contents, modes and long paths intact', async () => {
    const src = join(root, 'src');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'run.sh'), '#!/bin/sh\necho hi\n');
    const big = Buffer.alloc(70_000, 7);
    const deepDir = `${'d'.repeat(90)}/${'e'.repeat(90)}`;
    const longName = `${'f'.repeat(150)}.txt`;
    const entries: TarEntry[] = [
      { name: 'bin', kind: 'dir', mode: 0o755, size: 0 },
      {
        name: 'bin/run.sh',
        kind: 'file',
        mode: 0o755,
        size: statSync(join(src, 'run.sh')).size,
        source: join(src, 'run.sh'),
      },
      { name: 'big.bin', kind: 'file', mode: 0o600, size: big.length, source: big },
      { name: 'd'.repeat(90), kind: 'dir', mode: 0o755, size: 0 },
      { name: deepDir, kind: 'dir', mode: 0o750, size: 0 },
      { name: `${deepDir}/${longName}`, kind: 'file', mode: 0o644, size: 2, source: Buffer.from('ok') },
      { name: 'empty.txt', kind: 'file', mode: 0o644, size: 0, source: Buffer.alloc(0) },
    ];
    const archiveFile = join(root, 'out.tar');
    writeFileSync(archiveFile, await buffer(tarStream(entries)));
    const out = join(root, 'out');
    mkdirSync(out);
    execFileSync('tar', ['-x', '-f', archiveFile, '-C', out]);
    expect(readFileSync(join(out, 'bin', 'run.sh'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect(statSync(join(out, 'bin', 'run.sh')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(out, 'big.bin')).equals(big)).toBe(true);
    expect(statSync(join(out, 'big.bin')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(out, deepDir, longName), 'utf8')).toBe('ok');
    expect(readFileSync(join(out, 'empty.txt'), 'utf8')).toBe('');
  });
});
