import { describe, expect, it } from 'vitest';
import { type ExecResult } from '../../remote/types';
import { MAX_REASON_CHARS, judgeCommand, outputTail } from './ssh-command';

const result = (overrides: Partial<ExecResult>): ExecResult => ({
  host: 'web-1',
  command: 'curl -fsS localhost:8080/health',
  exitCode: 0,
  signal: null,
  stdout: '',
  stderr: '',
  durationMs: 12,
  timedOut: false,
  cancelled: false,
  ...overrides,
});

describe('judging an ssh command check', () => {
  it('is up on exit 0, with the last line of output as the reason', () => {
    expect(judgeCommand(result({ stdout: 'starting\n{"status":"ok"}\n\n' }))).toEqual({
      status: 'up',
      reason: '{"status":"ok"}',
    });
    expect(judgeCommand(result({}))).toEqual({ status: 'up', reason: 'exit 0' });
  });

  it('is down on any other exit, saying the code and what the command said last', () => {
    expect(
      judgeCommand(result({ exitCode: 7, stderr: 'curl: (7) Failed to connect to localhost port 8080\n' })),
    ).toEqual({ status: 'down', reason: 'exit 7: curl: (7) Failed to connect to localhost port 8080' });
    expect(judgeCommand(result({ exitCode: 1, stdout: 'not ready: migrations pending' }))).toEqual({
      status: 'down',
      reason: 'exit 1: not ready: migrations pending',
    });
    expect(judgeCommand(result({ exitCode: null, signal: 'SIGKILL' }))).toEqual({
      status: 'down',
      reason: 'killed by SIGKILL',
    });
  });

  it('is down with "timed out" when the command outlives its timeout', () => {
    expect(judgeCommand(result({ exitCode: null, timedOut: true, durationMs: 10_000 }))).toEqual({
      status: 'down',
      reason: 'timed out after 10 s',
    });
  });

  it('keeps a long line short, ending where the error is', () => {
    const tail = outputTail(`${'x'.repeat(500)} the end`);
    expect(tail).toHaveLength(MAX_REASON_CHARS);
    expect(tail.startsWith('…') && tail.endsWith(' the end')).toBe(true);
  });
});
