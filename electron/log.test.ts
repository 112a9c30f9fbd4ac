import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from './log';

afterEach(() => vi.restoreAllMocks());

describe('log', () => {
  it('writes an error with its message and stack, with secrets hidden', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    log.error(
      '[cockpit] deploys.history failed:',
      new Error('psql postgres://app:hunter2@db/app exited 2; AWS key AKIAIOSFODNN7EXAMPLE'),
    );
    expect(error).toHaveBeenCalledTimes(1);
    const line = String(error.mock.calls[0]?.[0]);
    expect(line).toContain('[cockpit] deploys.history failed: Error: psql postgres://app:[redacted]@db/app exited 2');
    expect(line).toContain('at '); // the stack is kept: it is what makes a log line useful
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('writes warnings the same way', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    log.warn('[cockpit] could not open', 'https://hooks.slack.com/services/T000/B000/XXXXXXXX');
    expect(warn).toHaveBeenCalledWith('[cockpit] could not open https://hooks.slack.com/services/[redacted]');
  });
});
