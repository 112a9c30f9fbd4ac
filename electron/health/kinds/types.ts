/**
 * A check kind: how to look at one thing (a URL, a port, a certificate, a host, a metrics endpoint) once. The
 * kind never decides when to run, how often to retry or what to store — the scheduler owns all of that — it
 * only answers "how does it look right now?", in words a person would use.
 */
import { type CheckKindName } from '../../../shared/workspace/health';
import { type OutcomeStatus } from '../../../shared/model/health';
import { type Transport } from '../../remote/types';

export interface CheckOutcome {
  status: OutcomeStatus;
  /** How long the probe took, when that means something (a request, a handshake). */
  latencyMs?: number;
  /** Why, in words: "503 from /health/ready", "timed out after 10 s", "certificate expires in 5 days". */
  reason: string;
  /** The one-line form for a service status ("/health/ready 503"); default: "<subject>: <reason>". */
  headline?: string;
  /** Numbers worth charting: days left, load, memory %, error rate … */
  metrics?: Record<string, number>;
}

/** Per-check memory that survives between runs (e.g. the previous scrape, to compute rates). */
export interface CheckMemory {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export interface CheckContext {
  /** Aborted when the check's timeout passes or the check is removed. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Wall-clock time (injected: tests move it to see a certificate expire). */
  now(): number;
  environment: { name: string; hosts: string[] };
  /** The transport for a host of the workspace (ssh checks). */
  transportFor(host: string): Transport;
  memory: CheckMemory;
}

export interface CheckKind<C> {
  readonly name: CheckKindName;
  /** What the check looks at, short: "/health/ready", "db-1:5432", "api.acme.com:443", "web-1 disk /". */
  subject(check: C): string;
  run(check: C, context: CheckContext): Promise<CheckOutcome>;
}

/** A Map-backed CheckMemory. */
export function createMemory(): CheckMemory {
  const values = new Map<string, unknown>();
  return {
    // The kind that wrote a key is the only reader of it, so it knows the type it stored.
    get: <T>(key: string) => values.get(key) as T | undefined,
    set: (key, value) => void values.set(key, value),
  };
}
