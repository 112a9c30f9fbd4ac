import { describe, expect, it } from 'vitest';
import {
  isValidReleaseId,
  makeReleaseId,
  nextReleaseId,
  parseReleaseId,
  shortRef,
  uniqueReleaseId,
} from './release-id';

describe('release ids', () => {
  const at = new Date('2025-01-02T03:04:05.678Z');

  it('are the UTC time plus a short ref, and sort by time', () => {
    expect(makeReleaseId(at, '8b71ff7c0ffee1234')).toBe('20250102T030405Z-8b71ff7');
    expect(makeReleaseId(at, 'v1.4.2')).toBe('20250102T030405Z-v1.4.2');
    expect(makeReleaseId(at, 'feature/new checkout!')).toBe('20250102T030405Z-feature-new-checkout');
    expect(makeReleaseId(new Date('2025-01-02T03:04:06Z'), 'a') > makeReleaseId(at, 'zzz')).toBe(true);
  });

  it('shortens commits to seven characters and keeps other refs readable', () => {
    expect(shortRef('ABCDEF1234567')).toBe('abcdef1');
    expect(shortRef('../../etc')).toBe('etc');
    expect(shortRef('   ')).toBe('release');
  });

  it('reads back the time and ref; other names have neither', () => {
    expect(parseReleaseId('20250102T030405Z-8b71ff7')).toEqual({
      createdAt: new Date('2025-01-02T03:04:05Z'),
      ref: '8b71ff7',
    });
    expect(parseReleaseId('release-42')).toEqual({ createdAt: null, ref: null });
  });

  it('accepts only names that are safe as a directory', () => {
    expect(isValidReleaseId('20250102T030405Z-8b71ff7')).toBe(true);
    expect(isValidReleaseId('../x')).toBe(false);
    expect(isValidReleaseId('.hidden')).toBe(false);
    expect(isValidReleaseId('a b')).toBe(false);
  });

  it('adds a suffix when the id is already taken', () => {
    expect(uniqueReleaseId('x', new Set(['x', 'x-2']))).toBe('x-3');
    expect(uniqueReleaseId('y', new Set(['x']))).toBe('y');
  });
});

describe('nextReleaseId', () => {
  it('keeps an id that already sorts after every release on the hosts', () => {
    const taken = new Set(['20261201T100000Z-aaaaaaa', 'v0.9.0']);
    expect(nextReleaseId('20261204T221947Z-bbbbbbb', taken)).toBe('20261204T221947Z-bbbbbbb');
  });

  it('moves a release made in the same second as the newest one after it, so it sorts as the newest', () => {
    const taken = new Set(['20261204T221947Z-fffffff']);
    const next = nextReleaseId('20261204T221947Z-0000000', taken);
    expect(next).toBe('20261204T221948Z-0000000');
    expect([...taken, next].sort().at(-1)).toBe(next);
  });

  it('moves past a host whose clock ran ahead, and still never reuses an id', () => {
    const taken = new Set(['20270101T000000Z-v1.2.0', '20270101T000001Z-v1.3.0']);
    expect(nextReleaseId('20261204T120000Z-v1.3.0', taken)).toBe('20270101T000002Z-v1.3.0');
    expect(nextReleaseId('not-a-stamped-id', new Set(['not-a-stamped-id']))).toBe('not-a-stamped-id-2');
  });
});
