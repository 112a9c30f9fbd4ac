import { defineConfig } from 'vitest/config';

// Files that replace modules (vi.mock) or the process's time zone need a fresh module registry each: they run
// isolated, as do the renderer's tests (its stores are module-level). The Node side's other files share their
// worker's loaded modules — loading the SDKs and ssh2 once per worker, not once per file, saves about a minute
// and a half of a CI run — and so must not leave global state behind (each test file cleans up after itself).
const needsIsolation = [
  'electron/cli/status.test.ts',
  'electron/cost/service.int.test.ts',
  'electron/cost/dates.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers (sshd, PostgreSQL); two cores cannot run many at once.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['node_modules/**', 'out/**', 'e2e/**', ...needsIsolation],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: ['renderer/**/*.test.{ts,tsx}', ...needsIsolation],
          exclude: ['node_modules/**', 'out/**', 'e2e/**'],
        },
      },
    ],
  },
});
