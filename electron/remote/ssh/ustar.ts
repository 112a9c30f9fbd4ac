/**
 * A minimal tar writer (POSIX ustar, plus a pax header when a path or size does not fit), for hosts without
 * SFTP: the files are streamed into `tar -x` over an exec channel. Only what an upload needs: regular files and
 * directories with their modes; no links, owners or devices. Node has no tar of its own.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

export interface TarEntry {
  /** Path inside the archive, with `/`, relative (no leading `/`, no `..`). */
  name: string;
  kind: 'file' | 'dir';
  /** Permission bits (e.g. 0o644). */
  mode: number;
  /** Bytes of a file (checked against what is read: a file that changed while uploading is an error). */
  size: number;
  /** Where a file's bytes come from: a local path, or the bytes themselves. */
  source?: string | Buffer;
  /** Seconds since the epoch (default: now). */
  mtime?: number;
}

const BLOCK = 512;
/** The largest size the 12-byte octal field holds (11 digits); beyond it the size goes into a pax header. */
const MAX_OCTAL_SIZE = 0o77777777777;

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL, as GNU and BSD tar write them.
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function writeString(block: Buffer, offset: number, width: number, text: string) {
  Buffer.from(text, 'utf8').copy(block, offset, 0, width);
}

/** Splits a long path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a `/`, or null when it cannot. */
export function splitUstarPath(path: string): { prefix: string; name: string } | null {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) {
    const prefix = path.slice(0, at);
    const name = path.slice(at + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return { prefix, name };
  }
  return null;
}

function header(fields: { name: string; prefix: string; mode: number; size: number; mtime: number; type: string }) {
  const block = Buffer.alloc(BLOCK);
  writeString(block, 0, 100, fields.name);
  writeString(block, 100, 8, octal(fields.mode & 0o7777, 8));
  writeString(block, 108, 8, octal(0, 8));
  writeString(block, 116, 8, octal(0, 8));
  writeString(block, 124, 12, octal(fields.size, 12));
  writeString(block, 136, 12, octal(Math.max(0, Math.floor(fields.mtime)), 12));
  writeString(block, 148, 8, '        ');
  writeString(block, 156, 1, fields.type);
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, fields.prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** One pax record: "<length> key=value\n", where the length counts itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const rest = Buffer.byteLength(body);
  let length = rest + 1;
  while (String(length).length + rest !== length) length = String(length).length + rest;
  return `${length}${body}`;
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

/** The header block(s) of one entry: a pax extended header first when the path or size needs it. */
export function entryHeaders(entry: TarEntry): Buffer[] {
  const mtime = entry.mtime ?? Date.now() / 1000;
  const path = entry.kind === 'dir' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
  const size = entry.kind === 'dir' ? 0 : entry.size;
  const split = splitUstarPath(path);
  const records: string[] = [];
  if (!split) records.push(paxRecord('path', path));
  if (size > MAX_OCTAL_SIZE) records.push(paxRecord('size', String(size)));
  const out: Buffer[] = [];
  if (records.length > 0) {
    const body = Buffer.from(records.join(''), 'utf8');
    out.push(
      header({ name: 'PaxHeader', prefix: '', mode: 0o644, size: body.length, mtime, type: 'x' }),
      body,
      padding(body.length),
    );
  }
  out.push(
    header({
      // The pax path wins; the ustar fields hold a truncated stand-in for readers that ignore pax.
      name: split?.name ?? path.slice(-100),
      prefix: split?.prefix ?? '',
      mode: entry.mode,
      size: size > MAX_OCTAL_SIZE ? 0 : size,
      mtime,
      type: entry.kind === 'dir' ? '5' : '0',
    }),
  );
  return out;
}

async function* fileBytes(entry: TarEntry): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(entry.source)) {
    if (entry.source.length !== entry.size) throw new Error(`${entry.name}: expected ${entry.size} bytes`);
    yield entry.source;
    return;
  }
  if (typeof entry.source !== 'string') throw new Error(`${entry.name}: a file entry needs a source`);
  let read = 0;
  for await (const chunk of createReadStream(entry.source)) {
    const buffer = chunk as Buffer;
    read += buffer.length;
    if (read > entry.size) break;
    yield buffer;
  }
  if (read !== entry.size) {
    throw new Error(`${entry.source} changed while it was being uploaded (${entry.size} bytes expected, ${read} read)`);
  }
}

async function* archive(entries: readonly TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    if (entry.name.startsWith('/') || entry.name.split('/').includes('..')) {
      throw new Error(`${entry.name}: tar entries must be relative paths inside the archive`);
    }
    yield* entryHeaders(entry);
    if (entry.kind === 'file') {
      yield* fileBytes(entry);
      yield padding(entry.size);
    }
  }
  // The end of an archive: two zero blocks.
  yield Buffer.alloc(BLOCK * 2);
}

/** A readable stream of the archive holding `entries`, in order (list a directory before what is in it). */
export function tarStream(entries: readonly TarEntry[]): Readable {
  return Readable.from(archive(entries), { objectMode: false });
}
