import { describe, expect, it } from 'vitest';
import { chooseEncoding } from './negotiate';

describe('choosing the content coding from Accept-Encoding', () => {
  it.each([
    // What browsers send: brotli wins.
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['x-gzip', 'gzip'],
    ['*', 'br'],
    // q-values decide; a tie goes to the smaller brotli.
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['gzip;q=0.5', 'gzip'],
    ['BR;Q=1', 'br'],
    // Refused codings and a preferred identity.
    ['br;q=0, gzip;q=0', 'identity'],
    ['gzip;q=0.5, identity', 'identity'],
    ['*;q=0, gzip', 'gzip'],
    ['identity;q=0, gzip', 'gzip'],
    ['identity', 'identity'],
    ['deflate, zstd', 'identity'],
    // An empty header asks for no coding at all; none at all means a script that may not decode anything.
    ['', 'identity'],
    [undefined, 'identity'],
    // Nothing acceptable: plain bytes rather than a 406 (RFC 9110 allows either).
    ['identity;q=0', 'identity'],
    // A malformed q is ignored like the entry it belongs to.
    ['br;q=2, gzip', 'gzip'],
    ['br;q=abc', 'identity'],
  ])('%j → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });

  it('reads a header repeated over several lines as one list', () => {
    expect(chooseEncoding(['gzip;q=0.5', 'br'])).toBe('br');
  });
});
