import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Files that replace modules (vi.mock) or the process's time zone need a fresh module registry each: they run
// isolated, as do the renderer's tests (its stores are module-level). The Node side's other files share their
// worker's loaded modules — loading the SDKs and ssh2 once per worker, not once per file, saves about a minute
// and a half of a CI run — and so must not leave global state behind (each test file cleans up after itself).
const needsIsolation = [
  'electron/cli/status.test.ts',
  'electron/cost/service.int.test.ts',
  'electron/cost/dates.test.ts',
];

/**
 * Vitest's file order, with one change for a run that has no durations from an earlier run (CI starts from a fresh
 * checkout, so it never has them): within each project, the files that start real servers or processes (integration
 * tests, `*.int.test.ts`, and the CLI's tests) go first. Otherwise the order is the files' listing, and a file that
 * takes most of a minute can start last on one worker while the other sits idle. With durations at hand, vitest's
 * own order (the longest first) is kept as it is.
 */
const SLOW = [/\.int\.test\.ts$/, /^electron\/cli\//, /^scripts\//];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const key = (spec: TestSpecification) => `${spec.project.name}:${relative(root, spec.moduleId)}`;
    if (sorted.every((spec) => this.ctx.cache.getFileTestResults(key(spec)))) return sorted;
    const rank = (spec: TestSpecification) => (SLOW.some((re) => re.test(relative(root, spec.moduleId))) ? 0 : 1);
    const projectOrder = new Map<string, number>();
    for (const spec of sorted)
      if (!projectOrder.has(spec.project.name)) projectOrder.set(spec.project.name, projectOrder.size);
    // Array.prototype.sort is stable: within a rank, vitest's order stays.
    return [...sorted].sort(
      (a, b) => (projectOrder.get(a.project.name) ?? 0) - (projectOrder.get(b.project.name) ?? 0) || rank(a) - rank(b),
    );
  }
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers (sshd, PostgreSQL); two cores cannot run many at once.
    maxWorkers: 2,
    // The workspace checker's worker, bundled once per run instead of loaded through tsx by every backend.
    globalSetup: ['test/support/check-worker-bundle.ts'],
    // Without durations from an earlier run (always so in CI), the files that start servers or processes go first.
    sequence: { sequencer: SlowFirstSequencer },
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
