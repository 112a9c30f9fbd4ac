import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium (Playwright's own browser download cannot work here). */
export function chromiumPath(): string | undefined {
  return candidates.find((p): p is string => typeof p === 'string' && existsSync(p));
}
