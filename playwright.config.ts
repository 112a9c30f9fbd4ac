import { defineConfig } from '@playwright/test';
import { QUIET_CHROMIUM_ARGS, chromiumPath } from './e2e/support/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  // The list, then one line per known gap that skipped tests (e2e/support/known-gaps.ts), e.g. the Electron project
  // where there is no Electron binary.
  reporter: [['list'], ['./e2e/support/known-gaps.ts']],
  projects: [
    {
      // Serve mode driven in Debian's Chromium: always.
      name: 'browser',
      testMatch: /browser\/.*\.spec\.ts/,
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: chromiumPath(),
          args: [...QUIET_CHROMIUM_ARGS, '--disable-quic'],
        },
      },
    },
    {
      // The desktop app through Playwright's Electron support: only where the Electron binary exists (the release
      // workflow's macOS, Windows and Linux runners). Elsewhere its tests skip and the run says so in one line.
      name: 'electron',
      testMatch: /electron\/.*\.spec\.ts/,
    },
  ],
});
