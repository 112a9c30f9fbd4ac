/**
 * Turns "send this request envelope somewhere" into the generic `call(method, input)` that `buildClient` wants:
 * numbers the requests, checks the response envelope and unwraps it. The preload uses it over IPC; the main
 * process uses it to call its own backend without a window in between.
 */
import { CockpitError, type ErrorCode, type RpcRequest, responseSchema } from '../../shared/rpc';

export type Send = (request: RpcRequest) => Promise<unknown>;
export type Call = (method: string, input: unknown) => Promise<unknown>;

export interface CallOptions {
  /** Put the error code in the message too, for errors that will cross contextBridge (see `bridgedError`). */
  codeInMessage?: boolean;
}

export function createCall(send: Send, options: CallOptions = {}): Call {
  const toError = (code: ErrorCode, message: string, details?: unknown) =>
    options.codeInMessage ? bridgedError(code, message, details) : new CockpitError(code, message, details);
  let nextId = 1;
  return async (method, input) => {
    const id = nextId++;
    const raw = await send({ id, method, input: input ?? {} });
    const response = responseSchema.safeParse(raw);
    if (!response.success) throw toError('INTERNAL', `${method}: the backend sent a malformed response`);
    if (!response.data.ok) {
      const { code, message, details } = response.data.error;
      throw toError(code, message, details);
    }
    return response.data.value;
  };
}

/**
 * What survives contextBridge: it rebuilds a thrown Error in the page as `new Error(message)`, dropping the class
 * and every own property (`code`, `details`). So the code also travels inside the message, as a `[CODE] ` prefix
 * the renderer bridge parses back (see `parseBridgedMessage`). Outside contextBridge (tests, the main process)
 * the error is a full CockpitError with `code` and `details`.
 */
export function bridgedError(code: ErrorCode, message: string, details?: unknown): CockpitError {
  return new CockpitError(code, `[${code}] ${message}`, details);
}

const prefix = /^\[([A-Z_]+)\] ([\s\S]*)$/;

/** The inverse of the message format above: `[FORBIDDEN] not allowed` → { code, message }. */
export function parseBridgedMessage(text: string): { code: string; message: string } | null {
  const match = prefix.exec(text);
  return match?.[1] !== undefined && match[2] !== undefined ? { code: match[1], message: match[2] } : null;
}
