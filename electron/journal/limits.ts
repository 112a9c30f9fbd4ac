/**
 * Bounds on what one entry may hold, so a runaway command cannot grow the journal without limit (Uptime Kuma's
 * users learned what an unbounded SQLite file costs). Redaction happens here too: this is the one place text and
 * data pass through on their way into the file.
 */
import { createStreamRedactor, redactText, redactValue } from './redact';

/** The most one output chunk (or one message) keeps; the tail is kept because the end of a log explains it. */
export const MAX_TEXT_BYTES = 64 * 1024;
/** The most one entry's structured data may take as JSON. */
export const MAX_DATA_BYTES = 256 * 1024;
/**
 * Extra bytes redacted beyond the kept tail before the final cut, so a secret that straddles the cut is hidden
 * whole rather than half-kept.
 */
const REDACTION_MARGIN = 8 * 1024;

/** Keeps the last `maxBytes` bytes of UTF-8 (never splitting a character) and says how much was cut. */
export function keepTail(text: string, maxBytes = MAX_TEXT_BYTES, originalBytes?: number): string {
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes && originalBytes === undefined) return text;
  const buffer = Buffer.from(text);
  let start = Math.max(0, bytes - maxBytes);
  // Step past UTF-8 continuation bytes (10xxxxxx) so the tail starts on a whole character.
  while (start < bytes && ((buffer[start] ?? 0) & 0xc0) === 0x80) start++;
  const kept = buffer.subarray(start);
  const total = originalBytes ?? bytes;
  return `[… ${total - kept.length} earlier bytes cut; the last ${kept.length} bytes are kept]\n${kept.toString('utf8')}`;
}

/** Redacted and bounded text for a title, step or result message. */
export function boundedText(text: string): string {
  return boundChunk(text, redactText);
}

/** Output of one action: redacted with memory across chunks (a private key split over two chunks is still hidden). */
export function createOutputBounder(): (chunk: string) => string {
  const redact = createStreamRedactor();
  return (chunk) => boundChunk(chunk, redact);
}

function boundChunk(text: string, redact: (text: string) => string): string {
  const bytes = Buffer.byteLength(text);
  if (bytes <= MAX_TEXT_BYTES + REDACTION_MARGIN) return keepTailIfOver(redact(text), bytes);
  // Too big to keep: redact only what could survive the cut. The dropped head's last bytes are shown to the
  // redactor first so it knows whether the kept part starts inside a private key.
  const window = utf8Tail(text, MAX_TEXT_BYTES + REDACTION_MARGIN);
  redact(utf8Tail(text.slice(0, text.length - window.length), REDACTION_MARGIN));
  return keepTail(redact(window), MAX_TEXT_BYTES, bytes);
}

function keepTailIfOver(redacted: string, originalBytes: number): string {
  return Buffer.byteLength(redacted) > MAX_TEXT_BYTES ? keepTail(redacted, MAX_TEXT_BYTES, originalBytes) : redacted;
}

function utf8Tail(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text);
  if (buffer.length <= maxBytes) return text;
  let start = buffer.length - maxBytes;
  while (start < buffer.length && ((buffer[start] ?? 0) & 0xc0) === 0x80) start++;
  return buffer.subarray(start).toString('utf8');
}

/**
 * Structured data as the JSON stored in an entry, or null. Values JSON cannot hold are made plain (an Error becomes
 * its name and message, a bigint a string); secrets are redacted; an oversized value is replaced by a note.
 */
export function encodeData(data: Record<string, unknown> | undefined): string | null {
  if (data === undefined) return null;
  let plain: unknown;
  try {
    plain = JSON.parse(JSON.stringify(data, plainReplacer) ?? 'null');
  } catch (error) {
    plain = {
      unstorable: `the data could not be stored as JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const json = JSON.stringify(redactValue(plain));
  if (Buffer.byteLength(json) <= MAX_DATA_BYTES) return json;
  return JSON.stringify({
    truncated: `the data was ${Buffer.byteLength(json)} bytes of JSON; the limit is ${MAX_DATA_BYTES}`,
  });
}

function plainReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
