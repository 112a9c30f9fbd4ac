import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium (Playwright's own browser download cannot work here). */
export function chromiumPath(): string | undefined {
  return candidates.find((p): p is string => typeof p === 'string' && existsSync(p));
}

/** Chromium with nothing of its own going on (no updates, sync or background traffic to wait for or count). */
export const QUIET_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
