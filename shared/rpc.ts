/**
 * The machinery of the typed contract: how a method and an event are declared, the envelopes that carry them
 * over any transport (Electron IPC or the serve-mode WebSocket), typed errors, and the generic client builder.
 * Pure: imports nothing but zod, so the renderer, the preload and Node all share it.
 */
import { z } from 'zod';

/** A contract method: zod schemas for what goes in and what comes out, and a sentence for humans. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly doc: string;
}

export function defineMethod<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  doc: string,
): MethodDef<I, O> {
  return { input, output, doc };
}

/** A contract event: a payload schema and a sentence for humans. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly doc: string;
}

export function defineEvent<P extends z.ZodType>(payload: P, doc: string): EventDef<P> {
  return { payload, doc };
}

export type MethodMap = Record<string, MethodDef>;
export type EventMap = Record<string, EventDef>;

export type InputOf<M extends MethodMap, K extends keyof M> = z.input<M[K]['input']>;
/** The input as a handler receives it: parsed, with the contract's defaults applied. */
export type ParsedInputOf<M extends MethodMap, K extends keyof M> = z.output<M[K]['input']>;
export type OutputOf<M extends MethodMap, K extends keyof M> = z.output<M[K]['output']>;
export type PayloadOf<E extends EventMap, K extends keyof E> = z.output<E[K]['payload']>;

/** Error codes a caller can act on. The message is for humans; the code is for code. */
export const errorCodes = [
  'BAD_REQUEST', // the message or its input did not match the contract
  'UNKNOWN_METHOD', // no such method in the contract
  'FORBIDDEN', // wrong sender, missing token, wrong origin
  'NOT_FOUND',
  'CONFLICT', // e.g. a lock is held
  'INVALID_WORKSPACE',
  'UNSUPPORTED', // the transport or host cannot do this (e.g. a native dialog in serve mode)
  'REMOTE_FAILED', // a command on a host failed
  'UNAVAILABLE', // an outside service did not answer
  'CANCELLED',
  'INTERNAL',
  // Too many of this client's requests are still running: nothing was done, retry once some have answered.
  // Answered at once so a burst costs the server a counter, not a queue.
  'BUSY',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const rpcErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** Structured detail, e.g. zod issues for BAD_REQUEST or workspace errors. Never contains secrets. */
  details: z.unknown().optional(),
});
export type RpcError = z.infer<typeof rpcErrorSchema>;

/** An error that crosses the transport as a value (Electron mangles thrown errors; JSON loses classes). */
export class CockpitError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CockpitError';
  }

  toJSON(): RpcError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static from(error: RpcError): CockpitError {
    return new CockpitError(error.code, error.message, error.details);
  }
}

/**
 * The largest request a transport has to accept. The biggest input in the contract is a host key
 * (deploys.trustHostKey, 20,000 characters); everything else is names, paths and short texts.
 */
export const MAX_REQUEST_BYTES = 64 * 1024;

/** A request envelope: the same over IPC and WebSocket. */
export const requestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(100),
  input: z.unknown(),
});
export type RpcRequest = z.infer<typeof requestSchema>;

export const responseSchema = z.union([
  z.object({ id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), error: rpcErrorSchema }),
]);
export type RpcResponse = z.infer<typeof responseSchema>;

export const eventMessageSchema = z.object({ event: z.string(), payload: z.unknown() });
export type EventMessage = z.infer<typeof eventMessageSchema>;

/** Splits `domain.action` names into a nested object type: `client.workspace.open(input)`. */
type DomainOf<K> = K extends `${infer D}.${string}` ? D : never;
type ActionOf<K, D extends string> = K extends `${D}.${infer A}` ? A : never;

export type ClientOf<M extends MethodMap> = {
  readonly [D in DomainOf<keyof M & string>]: {
    readonly [A in ActionOf<keyof M & string, D>]: `${D}.${A}` extends keyof M
      ? (input: InputOf<M, `${D}.${A}`>) => Promise<OutputOf<M, `${D}.${A}`>>
      : never;
  };
};

export type Unsubscribe = () => void;
export type EventSubscriber<E extends EventMap> = <K extends keyof E & string>(
  event: K,
  handler: (payload: PayloadOf<E, K>) => void,
) => Unsubscribe;

/**
 * Builds the nested client object from the contract, given one generic `call`. The preload and the WebSocket
 * bridge both use this, so the shape of `window.cockpit` can never drift from the contract.
 */
export function buildClient<M extends MethodMap>(
  methods: M,
  call: (method: string, input: unknown) => Promise<unknown>,
): ClientOf<M> {
  const client: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of Object.keys(methods)) {
    const dot = name.indexOf('.');
    const domain = name.slice(0, dot);
    const action = name.slice(dot + 1);
    client[domain] ??= {};
    client[domain][action] = (input: unknown) => call(name, input);
  }
  // The runtime object is built from the same keys the type is derived from.
  return client as unknown as ClientOf<M>;
}

/** Turns a zod error into a one-line human message plus structured issues. */
export function describeZodError(error: z.ZodError): { message: string; issues: { path: string; message: string }[] } {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const first = issues[0];
  const message = first
    ? `${first.path}: ${first.message}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`
    : 'invalid';
  return { message, issues };
}
