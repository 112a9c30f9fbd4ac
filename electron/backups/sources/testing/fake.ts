/**
 * A SourceContext whose commands never run: each answers with a scripted result, and every command is recorded.
 * For unit tests of how a kind reads output and words its errors.
 */
import { type ExecResult } from '../../../remote/types';
import { type RecordedExec, type TestSourceContext } from './context';

export function scriptedContext(
  answer: Partial<ExecResult> | ((command: string) => Partial<ExecResult>),
  secrets: Record<string, string> = {},
): TestSourceContext {
  const execs: RecordedExec[] = [];
  return {
    execs,
    now: () => new Date(),
    async resolveSecret(ref) {
      const value = secrets[ref];
      if (value === undefined) throw new Error(`no secret ${ref}`);
      return value;
    },
    async exec(host, command, options = {}) {
      execs.push({ host, command, env: options.env ?? {} });
      const scripted = typeof answer === 'function' ? answer(command) : answer;
      return {
        host: host ?? 'this machine',
        command,
        exitCode: 0,
        signal: null,
        stdout: '',
        stderr: '',
        durationMs: 1,
        timedOut: false,
        cancelled: false,
        ...scripted,
      };
    },
  };
}
