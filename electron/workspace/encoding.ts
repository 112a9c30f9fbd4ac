/**
 * The bytes of a workspace file as text, or why they are not text. Decoding with replacement characters would
 * turn a Latin-1 "é" or a stray byte into "�" and validate whatever that produced; instead the file is refused
 * at the first byte that is not UTF-8, by byte offset and line, so the user can find it with any hex viewer.
 */
import { isUtf8 } from 'node:buffer';

export type Decoded =
  { ok: true; text: string } | { ok: false; offset: number; line: number; column: number; message: string };

const BOM = [0xef, 0xbb, 0xbf] as const;

export function decodeWorkspaceBytes(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return refuse(bytes, 0, 'the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8');
  }
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes);
    return refuse(
      bytes,
      offset,
      `the file is not UTF-8: byte 0x${hex(bytes[offset] ?? 0)} at byte offset ${offset} is not valid UTF-8; save the file as UTF-8`,
    );
  }
  // One leading byte order mark is what some Windows editors write; anywhere else it is an invisible character
  // that would end up inside a key or a value.
  const start = startsWith(bytes, BOM) ? BOM.length : 0;
  const stray = indexOfBom(bytes, start);
  if (stray >= 0) {
    return refuse(
      bytes,
      stray,
      `a stray byte order mark (U+FEFF, an invisible character) at byte offset ${stray}; delete it`,
    );
  }
  return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8') };
}

function refuse(bytes: Uint8Array, offset: number, message: string): Decoded {
  // Line and column as an editor counts them: lines by "\n", columns in characters of the valid text before.
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  const before = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, offset - lineStart).toString('utf8');
  return { ok: false, offset, line, column: [...before].length + 1, message };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function indexOfBom(bytes: Uint8Array, from: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(Buffer.from(BOM), from);
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const at = (k: number) => bytes[k] ?? -1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => at(k) >= lo && at(k) <= hi;
  while (i < bytes.length) {
    const b = at(i);
    if (b < 0x80) i += 1;
    else if (b >= 0xc2 && b <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      // Overlong forms (E0 80..9F) and UTF-16 surrogates (ED A0..BF) are not UTF-8.
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else return i;
  }
  return bytes.length;
}
