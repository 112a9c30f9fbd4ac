import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../paths';
import { contentSecurityPolicy, metaContentSecurityPolicy } from './csp';

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

describe('the <meta> policy in renderer/index.html', () => {
  const html = readFileSync(join(appRoot(), 'renderer', 'index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];

  it('is the header policy minus the directives a meta tag may not carry, so the two never drift apart', () => {
    expect(metas).toHaveLength(1);
    expect(metas[0]?.[1]).toBe(metaContentSecurityPolicy());
    expect(contentSecurityPolicy().startsWith(`${metaContentSecurityPolicy()}; `)).toBe(true);
    expect(metaContentSecurityPolicy()).not.toContain('frame-ancestors');
  });

  it('comes before anything it must cover: no script, style or link is above it', () => {
    const head = html.slice(0, metas[0]?.index ?? 0);
    expect(head).not.toMatch(/<(script|link|style)\b/i);
  });
});
