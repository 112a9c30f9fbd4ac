/**
 * The one Content-Security-Policy of the cockpit's UI. The Electron window gets it as a header on every app://
 * response, serve mode sends it on index.html, and renderer/index.html carries it again as a <meta> tag (minus
 * what a meta policy may not say), so both transports run the renderer under the same rules — and the page keeps
 * them even where a header went missing. Pure: no 'electron', no Node APIs.
 */

export interface CspOptions {
  /** Extra sources the UI may connect to (serve mode: its own ws://127.0.0.1:PORT, which older engines do not
   * count as 'self'). Each must be a scheme://host[:port] source; anything else is refused. */
  connectSrc?: string[];
}

/** A CSP source expression we allow callers to add: scheme://host[:port], no path, no wildcard, no quotes. */
const sourcePattern = /^(?:https?|wss?):\/\/[a-z0-9.-]+(?::\d{1,5})?$/i;

/** Directives a <meta http-equiv> policy may not carry: browsers ignore them there (with a console warning). */
const headerOnlyDirectives: ReadonlySet<string> = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

function directives(options: CspOptions): [string, string[]][] {
  const extra = options.connectSrc ?? [];
  for (const source of extra) {
    // A stray ';' or quote would let a caller inject a whole directive; refuse rather than escape.
    if (!sourcePattern.test(source)) throw new Error(`not a connect-src source: ${JSON.stringify(source)}`);
  }
  return [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    // React and recharts set style attributes; inline styles cannot run code.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...extra]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
}

function serialize(list: [string, string[]][]): string {
  return list.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  return serialize(directives(options));
}

/** The policy as renderer/index.html's <meta http-equiv="Content-Security-Policy"> must state it, exactly. */
export function metaContentSecurityPolicy(): string {
  return serialize(directives({}).filter(([name]) => !headerOnlyDirectives.has(name)));
}
