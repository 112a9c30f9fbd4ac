/**
 * The one place a message from a window becomes a service call: the envelope and the input are validated
 * against the contract, the handler runs, and whatever happens comes back as a typed response. Nothing a
 * client sends can crash the backend.
 */
import { z } from 'zod';
import { type MethodName, type Output, type ParsedInput, isMethodName, methods } from '../../shared/api';
import { CockpitError, type RpcResponse, describeZodError, requestSchema } from '../../shared/rpc';

export type Handlers = { [K in MethodName]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

export type Dispatch = (message: unknown) => Promise<RpcResponse>;

export interface DispatchOptions {
  /** Told about unexpected (INTERNAL) errors so they can be logged; never sent to the client with a stack. */
  onInternalError?: (method: string, error: unknown) => void;
}

/** The id a (possibly malformed) request carries, so even a refusal answers the call it refuses; -1 without one. */
export function requestIdOf(message: unknown): number {
  return typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'number'
    ? message.id
    : -1;
}

export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (message) => {
    const envelope = requestSchema.safeParse(message);
    if (!envelope.success) {
      return fail(
        requestIdOf(message),
        new CockpitError('BAD_REQUEST', `malformed request: ${describeZodError(envelope.error).message}`),
      );
    }
    const { id, method, input } = envelope.data;
    if (!isMethodName(method)) return fail(id, new CockpitError('UNKNOWN_METHOD', `unknown method "${method}"`));

    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const described = describeZodError(parsed.error);
      return fail(id, new CockpitError('BAD_REQUEST', `${method}: ${described.message}`, { issues: described.issues }));
    }
    try {
      // The handler table is keyed by the same names the input was parsed for.
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { id, ok: true, value };
    } catch (error) {
      if (error instanceof CockpitError) return fail(id, error);
      if (error instanceof z.ZodError) {
        options.onInternalError?.(method, error);
        return fail(id, new CockpitError('INTERNAL', `${method}: ${describeZodError(error).message}`));
      }
      options.onInternalError?.(method, error);
      const text = error instanceof Error ? error.message : String(error);
      return fail(id, new CockpitError('INTERNAL', `${method} failed: ${text}`));
    }
  };
}

function fail(id: number, error: CockpitError): RpcResponse {
  return { id, ok: false, error: error.toJSON() };
}
