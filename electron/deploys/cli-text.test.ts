/** `cockpit history` and `cockpit lock` as a person reads them in a terminal. */
import { describe, expect, it } from 'vitest';
import { type DeployHistory, type DeployRecord, type LockStatus } from '../../shared/model/deploys';
import { historyText, lockText, outcomeText } from './cli-text';

const NOW = new Date('2025-03-01T12:00:00Z');

function record(overrides: Partial<DeployRecord>): DeployRecord {
  return {
    id: 'run-1',
    kind: 'deploy',
    releaseId: '20250301T110000Z-v1.2.0',
    ref: 'v1.2.0',
    commit: null,
    actor: 'ana',
    startedAt: '2025-03-01T11:00:00Z',
    endedAt: '2025-03-01T11:00:40Z',
    durationMs: 40_000,
    result: 'healthy',
    source: 'cockpit',
    external: false,
    wentLive: true,
    hosts: ['web-1', 'web-2'],
    summary: null,
    ...overrides,
  };
}

function history(records: DeployRecord[], extra: Partial<DeployHistory> = {}): DeployHistory {
  return {
    service: 'api',
    environment: 'production',
    records,
    releases: [],
    current: '20250301T110000Z-v1.2.0',
    currentByHost: [],
    lastGood: '20250301T110000Z-v1.2.0',
    rollbackTarget: null,
    unreachable: [],
    locks: [],
    dora: {
      windowDays: 30,
      deploys: records.length,
      deploysPerWeek: 1,
      failedChanges: 0,
      changeFailureRate: 0,
      timeToRestoreMs: null,
      restores: 0,
    },
    ...extra,
  };
}

describe('history in the terminal', () => {
  it('shows each record’s release id (what --to takes) and the hosts it went to', () => {
    const text = historyText(
      history([
        record({}),
        record({ id: 'run-0', kind: 'rollback', releaseId: '20250228T090000Z-v1.1.0', ref: null, hosts: ['web-1'] }),
      ]),
      NOW,
    );
    const lines = text.split('\n');
    const deploy = lines.find((l) => l.includes(' ago  deploy'));
    expect(deploy).toMatch(/deploy\s+v1\.2\.0\s+healthy\s+ana/);
    expect(deploy).toContain('release 20250301T110000Z-v1.2.0 on web-1, web-2');
    const rollback = lines.find((l) => l.includes(' ago  rollback'));
    expect(rollback).toContain('release 20250228T090000Z-v1.1.0 on web-1');
    expect(text).toContain('cockpit rollback api --env production --to RELEASE-ID');
  });

  it('escapes control characters in refs, actors and messages instead of sending them to the terminal', () => {
    const text = historyText(
      history([record({ ref: 'v1\u001b[2J', actor: 'eve\u202e' })], {
        unreachable: [{ host: 'web-3', message: 'gone\u0007' }],
      }),
      NOW,
    );
    for (const raw of ['\u001b', '\u0007', '\u202e']) expect(text).not.toContain(raw);
    expect(text).toContain('v1\\x1b[2J');
    expect(text).toContain('eve\\u202e');
    expect(text).toContain('gone\\x07');
  });

  it('escapes a lock holder’s reason and a failure message', () => {
    const status: LockStatus = {
      service: 'api',
      environment: 'production',
      path: '/srv/api',
      hosts: [
        {
          host: 'web-1',
          held: true,
          error: null,
          info: {
            who: 'bob',
            when: '2025-03-01T11:00:00Z',
            what: 'deploy',
            why: 'hotfix\u001b]0;pwned\u0007',
            from: 'laptop',
          },
        },
      ],
    };
    const lock = lockText(status);
    for (const raw of ['\u001b', '\u0007']) expect(lock).not.toContain(raw);
    expect(lock).toContain('\\x1b]0;pwned\\x07');
    const outcome = outcomeText('failed', 'Release failed\u001b[31m', null, null);
    expect(outcome).toBe('✗ Release failed\\x1b[31m');
  });
});
