/**
 * Unsigned LEB128 varints and zigzag for signed values: small numbers take one byte, and the numbers the health
 * codecs write (deltas, counts, residuals) are almost all small. Values stay within Number.MAX_SAFE_INTEGER, so
 * the arithmetic avoids 32-bit bitwise operators.
 */

export class ByteWriter {
  #buf = new Uint8Array(256);
  #len = 0;

  #room(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + n));
    grown.set(this.#buf.subarray(0, this.#len));
    this.#buf = grown;
  }

  /** A non-negative integer. */
  uint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`varint needs a non-negative integer, got ${value}`);
    this.#room(8);
    let v = value;
    while (v >= 0x80) {
      this.#buf[this.#len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.#buf[this.#len++] = v;
  }

  /** Any integer, zigzag-mapped so small negatives stay small too. */
  int(value: number): void {
    this.uint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  bytes(data: Uint8Array): void {
    this.uint(data.length);
    this.#room(data.length);
    this.#buf.set(data, this.#len);
    this.#len += data.length;
  }

  string(text: string): void {
    this.bytes(Buffer.from(text, 'utf8'));
  }

  finish(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

export class ByteReader {
  #pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.buf[this.#pos++];
      if (byte === undefined) throw new RangeError('health record ends in the middle of a number (damaged blob)');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  bytes(): Uint8Array {
    const n = this.uint();
    if (this.#pos + n > this.buf.length)
      throw new RangeError('health record ends in the middle of a string (damaged blob)');
    const out = this.buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  string(): string {
    return Buffer.from(this.bytes()).toString('utf8');
  }

  get done(): boolean {
    return this.#pos >= this.buf.length;
  }
}
