/**
 * What the benchmarks that load the UI share: Chromium started quiet (no background traffic of its own to count or
 * wait for), and the renderer's initial JS as the built index.html names it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { QUIET_CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';

export const rendererDir = join(import.meta.dirname, '..', 'out', 'renderer');

export function launchQuietChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [...QUIET_CHROMIUM_ARGS],
  });
}

/** The scripts the first page load runs before anything is lazy: raw and gzip -9 bytes. */
export function initialJs(): { files: string[]; gzipped: number; raw: number } {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let gzipped = 0;
  let raw = 0;
  for (const ref of refs) {
    const body = readFileSync(join(rendererDir, ref));
    raw += body.length;
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  return { files: refs, gzipped, raw };
}
