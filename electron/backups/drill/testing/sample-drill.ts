/** A finished restore drill with its evidence, for tests of the store and the report. */
import { type RestoreDrill } from '../../../../shared/model/backups';

export function sampleDrill(patch: Partial<RestoreDrill> = {}): RestoreDrill {
  return {
    runId: '20261206T120000000Z-ab12cd34ef',
    service: 'shop',
    backup: 'orders-db',
    host: 'drill-1',
    environment: 'staging',
    actor: 'cli:alice',
    startedAt: '2026-12-06T12:00:00.000Z',
    endedAt: '2026-12-06T12:00:41.000Z',
    status: 'succeeded',
    summary:
      'Restored orders-2026-12-06.dump in 38 s; 2 of 2 checks passed; RTO 41 s (target 30 min), RPO 10 h (target 26 h).',
    copy: {
      id: 'orders-2026-12-06.dump',
      time: '2026-12-06T02:00:00.000Z',
      size: 5_060_919,
      location: '/srv/backups/orders-2026-12-06.dump',
    },
    copyChoice: 'newest',
    checksum: 'sha256:9f2c0d1e',
    scratch: 'cockpit_drill_ab12cd34',
    phases: [
      {
        name: 'preflight',
        startedAt: '2026-12-06T12:00:00.000Z',
        durationMs: 800,
        ok: true,
        detail: 'scratch target cockpit_drill_ab12cd34 is free',
      },
      { name: 'restore', startedAt: '2026-12-06T12:00:01.000Z', durationMs: 38_000, ok: true, detail: 'restored' },
      { name: 'checks', startedAt: '2026-12-06T12:00:39.000Z', durationMs: 3_000, ok: true, detail: '2 checks passed' },
      {
        name: 'teardown',
        startedAt: '2026-12-06T12:00:42.000Z',
        durationMs: 600,
        ok: true,
        detail: 'removed cockpit_drill_ab12cd34',
      },
    ],
    checks: [
      {
        name: 'orders restored',
        command: "psql -tA -d cockpit_drill_ab12cd34 -c 'select count(*) from orders'",
        exitCode: 0,
        output: '100000',
        expected: 'at least 100000',
        ok: true,
        detail: null,
        durationMs: 1_200,
        dataTime: null,
      },
      {
        name: 'newest order',
        command: "psql -tA -d cockpit_drill_ab12cd34 -c 'select max(created_at) from orders'",
        exitCode: 0,
        output: '2026-12-06 02:00:00+00',
        expected: 'a time (the newest data)',
        ok: true,
        detail: null,
        durationMs: 1_100,
        dataTime: '2026-12-06T02:00:00.000Z',
      },
    ],
    rtoMs: 41_000,
    rtoTargetMs: 30 * 60_000,
    rpoMs: 10 * 3_600_000,
    rpoTargetMs: 26 * 3_600_000,
    rpoFrom: `the newest data's time (check "newest order")`,
    teardownOk: true,
    commands: [
      {
        phase: 'restore',
        command: 'createdb cockpit_drill_ab12cd34 && pg_restore …',
        exitCode: 0,
        durationMs: 38_000,
        output: '',
      },
    ],
    ...patch,
  };
}
