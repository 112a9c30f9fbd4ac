/**
 * Identical reads asked while one is already running get that one's answer instead of starting their own.
 * Serve mode can have many tabs and clients; the deploy reads run shell scripts on every host (the demo's
 * overview is 17 of them, about 0.6 s of CPU), so a burst of 1,000 would otherwise queue 17,000 scripts.
 * A change to deploys or the workspace ends the sharing: whoever asks after it gets a fresh read.
 */
import { type Dispatch } from '../api/dispatch';

/** Reads of hosts with no effect but caching: the same question at the same moment has the same answer. */
export const SHAREABLE_READS: ReadonlySet<string> = new Set([
  'deploys.overview',
  'deploys.history',
  'deploys.dora',
  'deploys.locks',
  'deploys.rollbackOptions',
]);

/** Events after which a read already running may be out of date. */
export function endsSharing(event: string): boolean {
  return event.startsWith('deploys.') || event.startsWith('workspace.');
}

export interface SharedReads {
  dispatch: Dispatch;
  /** Reads already running still answer their own callers; later callers start afresh. */
  forget(): void;
  /** How many distinct reads are running now (for tests and the bench). */
  running(): number;
}

export function shareReads(dispatch: Dispatch, shareable: ReadonlySet<string> = SHAREABLE_READS): SharedReads {
  const running = new Map<string, ReturnType<Dispatch>>();
  return {
    dispatch(message) {
      const request = shareableRequest(message, shareable);
      if (!request) return dispatch(message);
      const { key, id } = request;
      let answer = running.get(key);
      if (!answer) {
        const started = dispatch(message);
        answer = started;
        running.set(key, started);
        const done = () => {
          if (running.get(key) === started) running.delete(key);
        };
        started.then(done, done);
      }
      return answer.then((response) => ({ ...response, id }));
    },
    forget: () => running.clear(),
    running: () => running.size,
  };
}

/** The key and id of a shareable request, or undefined for anything else (which goes through untouched). */
function shareableRequest(message: unknown, shareable: ReadonlySet<string>): { key: string; id: number } | undefined {
  if (typeof message !== 'object' || message === null || !('id' in message) || !('method' in message)) return;
  const { id, method } = message;
  if (typeof id !== 'number' || typeof method !== 'string' || !shareable.has(method)) return;
  const input = 'input' in message ? message.input : undefined;
  return { key: `${method}\n${canonical(input ?? {})}`, id };
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same question. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
