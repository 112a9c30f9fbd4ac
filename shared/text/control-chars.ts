/**
 * Text from hosts, refs, reasons and paths is data, and a terminal or a page must show it, never obey it. A ref
 * named "v1\x1b[2J" would clear the screen of whoever runs `cockpit history`; "\u202e" would show a path reversed
 * (so "evil.sh" reads as "hs.live"). These helpers escape such characters visibly, as `\x1b` or `\u202e`:
 * C0 controls (but newline and tab in multi-line text), DEL, C1 controls, and the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069). ESC goes with the rest of C0, so an escape sequence loses its power and
 * reads as text. Everything else, non-Latin text and emoji included, stays as it is.
 */

/** C0 but \t and \n, DEL, C1, bidi controls: what multi-line text (a log, a reason over several lines) escapes. */
// eslint-disable-next-line no-control-regex -- finding control characters is this module's whole job
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same plus \t and \n: a one-line value (a ref, a host name, a path) has no business holding a line break. */
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\n') return '\\n';
  if (char === '\t') return '\\t';
  if (char === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of data (ref, release id, reason, path, host): every control character escaped, line breaks too. */
export function safeLine(text: string): string {
  return text.replace(UNSAFE_LINE, visible);
}

/** Multi-line data (a summary, a failure message with output): line breaks and tabs kept, the rest escaped. */
export function safeText(text: string): string {
  return text.replace(UNSAFE_MULTILINE, visible);
}

/** Whether `text` holds anything `safeText` would escape. */
export function hasControlChars(text: string): boolean {
  UNSAFE_MULTILINE.lastIndex = 0;
  return UNSAFE_MULTILINE.test(text);
}
