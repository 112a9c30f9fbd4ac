/**
 * A SourceContext for tests: commands run through real transports (the local one for this machine, or the ones a
 * test passes for its hosts, e.g. real sshd), every exec recorded with its host, command and environment so tests can
 * count commands and look for leaked secrets. Secrets come from a plain map.
 */
import { createLocalTransport } from '../../../remote/local';
import { type Transport } from '../../../remote/types';
import { type SourceContext } from '../types';

export interface RecordedExec {
  host: string | undefined;
  command: string;
  env: Record<string, string>;
}

export interface TestSourceContext extends SourceContext {
  execs: RecordedExec[];
}

export function testSourceContext(
  options: {
    transportFor?: (host: string) => Transport;
    secrets?: Record<string, string>;
    signal?: AbortSignal;
    /** Extra variables for every local command (e.g. PATH with a shim in front). */
    localEnv?: Record<string, string>;
  } = {},
): TestSourceContext {
  const local = createLocalTransport({ host: 'this machine' });
  const execs: RecordedExec[] = [];
  return {
    execs,
    signal: options.signal,
    now: () => new Date(),
    async resolveSecret(ref) {
      const value = options.secrets?.[ref];
      if (value === undefined) throw new Error(`no secret ${ref}`);
      return value;
    },
    async exec(host, command, execOptions = {}) {
      const env = host ? (execOptions.env ?? {}) : { ...options.localEnv, ...execOptions.env };
      execs.push({ host, command, env });
      const transport = host ? options.transportFor?.(host) : local;
      if (!transport) throw new Error(`no transport for ${host}`);
      return transport.exec(command, { ...execOptions, env });
    },
  };
}

/** The item at `index`, failing the test with a clear message when there is none. */
export function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`expected an item at index ${index}, got ${list.length} items`);
  return item;
}
