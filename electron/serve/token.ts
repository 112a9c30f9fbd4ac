import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token for each start of serve mode. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares in constant time so the token cannot be guessed byte by byte. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
