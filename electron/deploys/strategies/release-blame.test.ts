import { describe, expect, it } from 'vitest';
import { type StepFailureInfo } from '../../../shared/model/deploys';
import { releaseIsToBlame } from './releases-recovery';

const failure = (extra: Partial<StepFailureInfo>): StepFailureInfo => ({
  host: 'web1',
  step: 'gate',
  command: null,
  exitCode: null,
  reason: 'gate',
  message: 'app-ready did not pass in time',
  outputTail: '',
  ...extra,
});

describe('whether a failure after a switch blames the release', () => {
  it('blames it when the gate found a check down, or its after-switch hook or restart failed', () => {
    expect(releaseIsToBlame(failure({ outputTail: 'http: down (503 from /health)' }))).toBe(true);
    expect(releaseIsToBlame(failure({ step: 'restart', reason: 'exit', exitCode: 1 }))).toBe(true);
    expect(releaseIsToBlame(failure({ step: 'after-switch', reason: 'timeout' }))).toBe(true);
  });

  it('does not blame it when the gate is misconfigured or could not run (the gate step fails with error)', () => {
    for (const tail of [
      'no check app-ready for app in staging',
      'health checks are not available',
      'no workspace is open',
      'the check itself failed: socket hang up',
      'checkout/http@production: DB_URL not defined in environment "production"',
    ]) {
      for (const step of ['gate', 'rollback-gate']) {
        expect(releaseIsToBlame(failure({ step, reason: 'error', outputTail: tail }))).toBe(false);
      }
    }
  });

  it('blames it on the reason alone: a gate that saw a check down, whatever the check said', () => {
    // The words of a real failing check are the service's own: they may read like anything, even "no check …".
    expect(releaseIsToBlame(failure({ outputTail: 'ready: down (no check-in from the worker for 5 min)' }))).toBe(true);
  });

  it('never blames it for a cancel, a lost connection, or a failed switch', () => {
    expect(releaseIsToBlame(failure({ reason: 'cancelled' }))).toBe(false);
    expect(releaseIsToBlame(failure({ step: 'restart', reason: 'transport' }))).toBe(false);
    expect(releaseIsToBlame(failure({ step: 'switch', reason: 'exit', exitCode: 3 }))).toBe(false);
  });
});
