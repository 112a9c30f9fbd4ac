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
  // Command-line tools that take a password glued to a flag or as a `user:password` pair. Each is anchored on the
  // tool's name and looks at most 200 characters ahead on its line, so the scan stays linear.
  {
    // mysql -pPASSWORD (with a space, -p prompts and the next word is the database: that is left alone).
    // Case-sensitive: -P is the port.
    pattern: /\b((?:mysql|mariadb)[\w-]*\b[^\n]{0,200}?[ \t])-p("[^"\n]*"|'[^'\n]*'|[^\s"']+)/g,
    replace: (_m, head = '', value = '') => `${head}-p${quoted(value, REDACTED)}`,
  },
  {
    // curl -u user:password, --user user:password, --proxy-user … (wget's --password= is a key=value above).
    pattern: /\b(curl\b[^\n]{0,200}?[ \t](?:-u|-U|--user|--proxy-user)(?:[ \t]+|=)?["']?[^\s:"']*):([^\s"']+)/gi,
    replace: (_m, head = '') => `${head}:${REDACTED}`,
  },
  {
    // redis-cli -a PASSWORD / --pass PASSWORD / -u redis://… (the URL rule below covers the last).
    pattern: /\b(redis-cli\b[^\n]{0,200}?[ \t](?:-a|--pass|--askpass)[ \t]+)("[^"\n]*"|'[^'\n]*'|\S+)/gi,
    replace: (_m, head = '', value = '') => `${head}${quoted(value, REDACTED)}`,
  },
  {
    // sshpass -p PASSWORD, sshpass -pPASSWORD.
    pattern: /\b(sshpass\b[^\n]{0,200}?[ \t]-p[ \t]*)("[^"\n]*"|'[^'\n]*'|\S+)/gi,
    replace: (_m, head = '', value = '') => `${head}${quoted(value, REDACTED)}`,
  },
  // SQL: CREATE USER … IDENTIFIED BY 'password', ALTER ROLE … PASSWORD 'x' is a key/value above.
  {
    pattern: /\b(identified[ \t]+(?:with[ \t]+\w+[ \t]+)?by[ \t]+)("[^"\n]*"|'[^'\n]*'|[^\s;]+)/gi,
    replace: (_m, head = '', value = '') => `${head}${quoted(value, REDACTED)}`,
  },
  // Authorization: Bearer …, Authorization: Basic …
  {
    pattern: /\b(authorization["']?[ \t]*[:=][ \t]*["']?)(?:(bearer|basic|token|digest)[ \t]+)?[^\s"',;]+/gi,
    replace: (_m, head = '', scheme) => `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  },
  { pattern: /\b(bearer)[ \t]+[\w\-.~+/]{8,}=*/gi, replace: (_m, word = '') => `${word} ${REDACTED}` },
  // scheme://user:password@host — keep the user and host, hide the password (redis://:password@host too).
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
  // No word boundary before it: MYAPP_AKIA… and AWS_KEY=AKIA… are the usual ways it is printed.
  { pattern: /(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}/g, replace: REDACTED },
  // Tokens recognisable by their prefix: Slack, GitHub, JSON Web Tokens. No word boundary before them either: they
  // often follow an underscore (MY_SLACK_xoxb-…) or sit inside a longer word.
  { pattern: /x(?:ox[abposre]|app)-[\w-]{10,}/g, replace: REDACTED },
  { pattern: /(?:gh[pousr]_\w{30,}|github_pat_\w{30,})/g, replace: REDACTED },
  { pattern: /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/g, replace: REDACTED },
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

/** Redacts one piece of a stream that may start inside a private key; says whether it ends inside one. */
function redactFrom(chunk: string, insideKey: boolean): { text: string; insideKey: boolean } {
  let text = chunk;
  if (insideKey) {
    pemEnd.lastIndex = 0;
    const end = pemEnd.exec(text);
    if (!end) return { text: PRIVATE_KEY, insideKey: true };
    text = PRIVATE_KEY + text.slice(end.index + end[0].length);
  }
  return { text: redactText(text), insideKey: endsInsidePrivateKey(text) };
}

/**
 * A redactor for one stream of output chunks (one action's output) that shows each chunk at once. It remembers
 * when a chunk ended inside a private key, so the chunks that follow are hidden until the key's END line; other
 * secrets split across two chunks need createLiveRedactor, which holds back the unfinished line.
 */
export function createStreamRedactor(): (chunk: string) => string {
  let insideKey = false;
  return (chunk) => {
    const out = redactFrom(chunk, insideKey);
    insideKey = out.insideKey;
    return out.text;
  };
}

/** A line longer than this is shown without waiting for its end (a progress bar that never prints a newline). */
export const MAX_HELD_CHARS = 4096;

export interface LiveRedactor {
  /** Takes a chunk; returns the redacted text that may be shown now: every line it completed. */
  push(chunk: string): string;
  /** Whether an unfinished line is held back. */
  readonly holding: boolean;
  /**
   * Shows the unfinished line now (the stream went quiet, or another stream is about to speak). When that line goes
   * on later, it is redacted again as a whole, and only what was not shown yet is returned then.
   */
  release(): string;
  /** The end of the stream: whatever is held, redacted. */
  end(): string;
}

/**
 * A redactor for live output, where a secret may be cut anywhere by the network or a pipe: `AKIA…` in one chunk and
 * the rest in the next, or `password=` here and the value there. Whole lines are redacted together, so the
 * unfinished last line of a chunk is held back until its newline (`\n` or `\r`), the next chunk, `release()` or
 * `end()`. Nothing is dropped, and the text comes out in the order it went in.
 */
export function createLiveRedactor(): LiveRedactor {
  let insideKey = false;
  /** Raw text not yet shown; it may continue a line that was partly shown by release(). */
  let pending = '';
  /** The partly shown line: its raw text, and what was shown for it. */
  let lineRaw = '';
  let lineShown = '';

  /** What to show for `raw` (the partly shown line plus more), given what was shown of that line already. */
  const continued = (redacted: string): string => {
    if (lineShown === '') return redacted;
    // Normally the earlier part redacts the same again and only the rest is new. When a secret straddled the point
    // where the line was released, the redacted whole differs inside the part already shown: from there on the
    // redacted text is shown again, so the straddling secret is never completed on screen.
    let common = 0;
    const limit = Math.min(lineShown.length, redacted.length);
    while (common < limit && lineShown.charCodeAt(common) === redacted.charCodeAt(common)) common++;
    return redacted.slice(common);
  };

  /** Redacted, without repeating the marker of a private key already shown as hidden. */
  const redactLive = (raw: string) => {
    const out = redactFrom(raw, insideKey);
    return insideKey && out.text.startsWith(PRIVATE_KEY) ? { ...out, text: out.text.slice(PRIVATE_KEY.length) } : out;
  };

  const complete = (text: string): string => {
    const raw = lineRaw + text;
    const out = redactLive(raw);
    insideKey = out.insideKey;
    const shown = continued(out.text);
    lineRaw = '';
    lineShown = '';
    return shown;
  };

  const release = (): string => {
    if (pending === '') return '';
    const raw = lineRaw + pending;
    pending = '';
    // Not committed to the key state: the line is judged again as a whole when it ends.
    const shown = continued(redactLive(raw).text);
    lineRaw = raw;
    lineShown += shown;
    return shown;
  };

  return {
    push(chunk) {
      if (chunk === '') return '';
      pending += chunk;
      const cut = Math.max(pending.lastIndexOf('\n'), pending.lastIndexOf('\r'));
      let out = '';
      if (cut >= 0) {
        out = complete(pending.slice(0, cut + 1));
        pending = pending.slice(cut + 1);
      }
      if (pending.length > MAX_HELD_CHARS) out += release();
      return out;
    },
    get holding() {
      return pending !== '';
    },
    release,
    end() {
      if (pending === '' && lineRaw === '') return '';
      const text = pending;
      pending = '';
      return complete(text);
    },
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
