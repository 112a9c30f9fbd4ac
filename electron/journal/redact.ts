/**
 * Removes secret-looking text before anything reaches the journal (DESIGN §8: secrets never reach the journal,
 * logs or the renderer). It errs on the side of hiding: a redacted non-secret costs a little context, a leaked key
 * costs a rotation. Every pattern is linear in the text's length, because output chunks can be large.
 */
export const REDACTED = '[redacted]';
const PRIVATE_KEY = '[redacted private key]';

const pemBegin = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
const pemEnd = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
/** A whole private-key block, or one cut short (by a chunk boundary or truncation): then to the end of the text. */
const pemBlock = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY\2-----|$)/g;

/** Names whose value is a secret, as the end of a key: PGPASSWORD, db_password, SecretAccessKey, GITHUB_TOKEN … */
const secretName = String.raw`(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key)`;

interface Rule {
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

const rules: Rule[] = [
  { pattern: pemBlock, replace: PRIVATE_KEY },
  // key=value and key: value, bare or quoted (shell, env files, libpq strings, YAML, JSON and escaped JSON). The
  // lookbehind starts a key only at a word's start, which keeps the lazy scan linear.
  {
    pattern: new RegExp(
      String.raw`(?<![\w.-])(\\?["']?)([\w.-]*?${secretName})\1([ \t]*[:=][ \t]*)(\\"[^\n]*?\\"|"[^"\n]*"|'[^'\n]*'|[^\s"'&;,]+)`,
      'gi',
    ),
    replace: (_m, quote = '', key = '', separator = '', value = '') =>
      `${quote}${key}${quote}${separator}${quoted(value, REDACTED)}`,
  },
  // --password hunter2, --token abc (a value that is not itself a flag).
  {
    pattern: new RegExp(String.raw`(?<![\w-])(--?[\w-]*?${secretName})([ \t]+)(?!-)("[^"\n]*"|'[^'\n]*'|\S+)`, 'gi'),
    replace: (_m, flag = '', space = '', value = '') => `${flag}${space}${quoted(value, REDACTED)}`,
  },
  // Authorization: Bearer …, Authorization: Basic …
  {
    pattern: /\b(authorization["']?[ \t]*[:=][ \t]*["']?)(?:(bearer|basic|token|digest)[ \t]+)?[^\s"',;]+/gi,
    replace: (_m, head = '', scheme) => `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  },
  { pattern: /\b(bearer)[ \t]+[\w\-.~+/]{8,}=*/gi, replace: (_m, word = '') => `${word} ${REDACTED}` },
  // scheme://user:password@host — keep the user and host, hide the password.
  {
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):[^\s/?#@]+@/gi,
    replace: (_m, head = '') => `${head}:${REDACTED}@`,
  },
  // Slack incoming webhooks carry their secret in the path.
  {
    pattern: /\b(https:\/\/hooks\.slack(?:-gov)?\.com\/(?:services|workflows|triggers))\/[\w/-]+/gi,
    replace: (_m, head = '') => `${head}/${REDACTED}`,
  },
  // AWS access key ids (the secret key is caught by its name above; alone it is indistinguishable from base64).
  { pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, replace: REDACTED },
  // Tokens recognisable by their prefix: Slack, GitHub, JSON Web Tokens.
  { pattern: /\bx(?:ox[abposr]|app)-[\w-]{10,}/g, replace: REDACTED },
  { pattern: /\b(?:gh[pousr]_\w{30,}|github_pat_\w{30,})/g, replace: REDACTED },
  { pattern: /\beyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/g, replace: REDACTED },
];

/** The marker in the quotes the secret had, so redacted JSON or shell text keeps its shape. */
function quoted(original: string, marker: string): string {
  for (const quote of ['\\"', '"', "'"]) {
    if (original.startsWith(quote) && original.length >= quote.length * 2) return `${quote}${marker}${quote}`;
  }
  return marker;
}

/** Returns the text with every secret-looking part replaced by a marker. */
export function redactText(text: string): string {
  let out = redactOrphanKeyTail(text);
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    out =
      typeof rule.replace === 'string'
        ? out.replace(rule.pattern, rule.replace)
        : out.replace(rule.pattern, rule.replace);
  }
  return out;
}

/**
 * Text that starts inside a private key (a chunk cut out of a longer output) has an END line with no BEGIN before
 * it: everything up to that END is key material.
 */
function redactOrphanKeyTail(text: string): string {
  pemEnd.lastIndex = 0;
  const end = pemEnd.exec(text);
  if (!end) return text;
  pemBegin.lastIndex = 0;
  const begin = pemBegin.exec(text);
  if (begin && begin.index < end.index) return text;
  return PRIVATE_KEY + text.slice(end.index + end[0].length);
}

/** True when the text ends inside a private key: its last BEGIN comes after its last END. */
function endsInsidePrivateKey(text: string): boolean {
  return lastIndexOf(pemBegin, text) > lastIndexOf(pemEnd, text);
}

function lastIndexOf(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let last = -1;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) last = match.index;
  return last;
}

/**
 * A redactor for one stream of output chunks (one action's output). It remembers when a chunk ended inside a
 * private key, so the chunks that follow are hidden until the key's END line.
 */
export function createStreamRedactor(): (chunk: string) => string {
  let insideKey = false;
  return (chunk) => {
    let text = chunk;
    if (insideKey) {
      pemEnd.lastIndex = 0;
      const end = pemEnd.exec(text);
      if (!end) return PRIVATE_KEY;
      text = PRIVATE_KEY + text.slice(end.index + end[0].length);
      insideKey = false;
    }
    insideKey = endsInsidePrivateKey(text);
    return redactText(text);
  };
}

/** Keys whose value is a secret whatever it looks like: { password: 'x' }, { apiKey: 'y' }, { Authorization: … }. */
const secretKey = new RegExp(String.raw`(?:${secretName}|authorization|cookie)$`, 'i');

/**
 * Redacts a JSON-like value: every string inside it, and the whole value of any secret-named key. Objects and
 * arrays are copied, never changed in place (the caller's data is not ours to edit).
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any honest payload; cutting here also stops cycles.
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      secretKey.test(key) && (typeof item === 'string' || typeof item === 'number') && item !== ''
        ? REDACTED
        : redactValue(item, depth + 1);
  }
  return out;
}
