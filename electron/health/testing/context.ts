/** A CheckContext for calling a kind directly in tests, with a real timeout. */
import { type Transport } from '../../remote/types';
import { type CheckContext, createMemory } from '../kinds/types';

export function testContext(
  options: {
    timeoutMs?: number;
    now?: () => number;
    hosts?: string[];
    transportFor?: (host: string) => Transport;
  } = {},
): CheckContext {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    signal: AbortSignal.timeout(timeoutMs),
    timeoutMs,
    now: options.now ?? (() => Date.now()),
    environment: { name: 'test', hosts: options.hosts ?? [] },
    transportFor:
      options.transportFor ??
      (() => {
        throw new Error('no transport in this test');
      }),
    memory: createMemory(),
  };
}
