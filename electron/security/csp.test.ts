import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

describe('contentSecurityPolicy', () => {
  it('is the strict policy: own scripts only, no plugins, no framing, no base tag', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('adds connect sources for serve mode', () => {
    expect(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:43123'] })).toContain(
      "connect-src 'self' ws://127.0.0.1:43123;",
    );
  });

  it('refuses a source that would smuggle in another directive', () => {
    expect(() => contentSecurityPolicy({ connectSrc: ["ws://127.0.0.1:1; script-src 'unsafe-inline'"] })).toThrow(
      /not a connect-src/,
    );
    expect(() => contentSecurityPolicy({ connectSrc: ['*'] })).toThrow();
  });
});
