/**
 * Picks the content coding of a response from the request's Accept-Encoding (RFC 9110 §12.5.3), among the ones
 * serve mode can produce.
 */
export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * Identity not named (and no `*`) is acceptable but least preferred: `gzip;q=0.5` still means "gzip, please".
 */
const IMPLICIT_IDENTITY_Q = 0.001;

export function chooseEncoding(header: string | string[] | undefined): Encoding {
  // A client that says nothing (curl, a script) gets the bytes as they are, which any client can read.
  if (header === undefined) return 'identity';
  const weights = parseAcceptEncoding(Array.isArray(header) ? header.join(',') : header);
  const star = weights.get('*');
  const br = weights.get('br') ?? star ?? 0;
  const gzip = weights.get('gzip') ?? weights.get('x-gzip') ?? star ?? 0;
  const identity = weights.get('identity') ?? star ?? IMPLICIT_IDENTITY_Q;
  const [best, q] = br >= gzip ? (['br', br] as const) : (['gzip', gzip] as const);
  // When nothing at all is acceptable (`identity;q=0` alone), RFC 9110 lets a server disregard the header instead
  // of answering 406; plain bytes keep the page working.
  return q > 0 && q >= identity ? best : 'identity';
}

/** Coding name (lower case) → q; malformed entries are left out, as if the client had not sent them. */
function parseAcceptEncoding(value: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const entry of value.split(',')) {
    const [name, ...params] = entry.split(';').map((part) => part.trim());
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const match = /^q\s*=\s*(.*)$/i.exec(param);
      if (!match) continue;
      q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(match[1] ?? '') ? Number(match[1]) : NaN;
    }
    if (!Number.isNaN(q)) weights.set(name.toLowerCase(), q);
  }
  return weights;
}
