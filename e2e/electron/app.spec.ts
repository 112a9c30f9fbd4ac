import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { KNOWN_GAP } from '../support/known-gaps';

function electronBinary(): string | undefined {
  try {
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();

/**
 * Electron's binary cannot be downloaded on every machine (.ci/run sets ELECTRON_SKIP_BINARY_DOWNLOAD=1); serve mode
 * covers the same UI and backend in the browser project, and the release workflow runs these tests on real macOS,
 * Windows and Linux runners. Until CI here has the binary, the skip is a known gap, said once in the run's output
 * (e2e/support/known-gaps.ts) rather than left as a bare "skipped".
 */
const gap =
  'Electron e2e: skipped — no Electron binary on this machine (known gap; the release workflow runs it on macOS/Windows/Linux)';

test.describe('desktop app (Electron)', binary ? {} : { annotation: { type: KNOWN_GAP, description: gap } }, () => {
  test.skip(!binary, gap);

  // A throw-away data folder: the app must never touch the journal, settings or recent list of whoever runs this.
  let dataDir: string;
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-electron-e2e-'));
  });
  test.afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens the window on the demo workspace from app:// with a sandboxed renderer', async () => {
    const app = await electron.launch({
      executablePath: binary,
      args: [resolve('.'), '--demo'],
      env: { ...process.env, COCKPIT_DATA_DIR: dataDir, COCKPIT_E2E: '1' },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      // Served by the privileged app:// protocol (app-protocol.ts), never file://.
      expect(window.url().startsWith('app://')).toBe(true);
      expect(window.url()).toMatch(/^app:\/\/cockpit\/index\.html/);
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => typeof (globalThis as { cockpit?: unknown }).cockpit)).toBe('object');
      // The app used the folder it was given, not the user's own.
      // The page's global is typed by the renderer's build, not this spec's: it names only the one call it makes.
      type Bridge = { app: { info(input: object): Promise<{ dataDir: string }> } };
      const info = await window.evaluate(() => (globalThis as unknown as { cockpit: Bridge }).cockpit.app.info({}));
      expect(info.dataDir).toBe(dataDir);
      await window.screenshot({ path: 'e2e/screenshots/electron-overview.png' });
    } finally {
      await app.close();
    }
  });
});
