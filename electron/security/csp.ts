/**
 * The one Content-Security-Policy of the cockpit's UI. The Electron window sends it as a header on its file://
 * responses and serve mode sends it on index.html, so both transports run the renderer under the same rules.
 * Pure: no 'electron', no Node APIs.
 */

export interface CspOptions {
  /** Extra sources the UI may connect to (serve mode: its own ws://127.0.0.1:PORT, which older engines do not
   * count as 'self'). Each must be a scheme://host[:port] source; anything else is refused. */
  connectSrc?: string[];
}

/** A CSP source expression we allow callers to add: scheme://host[:port], no path, no wildcard, no quotes. */
const sourcePattern = /^(?:https?|wss?):\/\/[a-z0-9.-]+(?::\d{1,5})?$/i;

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const extra = options.connectSrc ?? [];
  for (const source of extra) {
    // A stray ';' or quote would let a caller inject a whole directive; refuse rather than escape.
    if (!sourcePattern.test(source)) throw new Error(`not a connect-src source: ${JSON.stringify(source)}`);
  }
  const directives: [string, string[]][] = [
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
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
