/**
 * Closing the backend while windows still ask things: requests already being answered finish (for a while), and
 * a request that arrives once closing has begun is answered UNAVAILABLE at once, in words, instead of reaching a
 * handler whose journal is about to close ("The database connection is not open" in the log).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { CockpitError, type RpcResponse } from '../../shared/rpc';
import { type Dispatch, requestIdOf } from './dispatch';

export interface DrainingDispatch {
  dispatch: Dispatch;
  /** From now on new requests are refused; resolves once those in flight ended, or after `waitMs`. */
  drain(waitMs: number): Promise<void>;
  readonly closing: boolean;
}

export const CLOSING_MESSAGE =
  'The cockpit is shutting down, so this request was not run. Start the cockpit again and retry.';

export function drainingDispatch(inner: Dispatch): DrainingDispatch {
  const working = new Set<Promise<RpcResponse>>();
  let closing = false;
  return {
    get closing() {
      return closing;
    },
    dispatch(message) {
      if (closing) {
        const error = new CockpitError('UNAVAILABLE', CLOSING_MESSAGE, { closing: true });
        return Promise.resolve({ id: requestIdOf(message), ok: false, error: error.toJSON() });
      }
      const work = inner(message);
      working.add(work);
      void work.finally(() => working.delete(work)).catch(() => {});
      return work;
    },
    async drain(waitMs) {
      closing = true;
      if (working.size === 0) return;
      await Promise.race([Promise.allSettled([...working]), delay(waitMs, undefined, { ref: false })]);
    },
  };
}
