/**
 * A check kind that answers from a script, for scheduler tests: set what the next runs return (per check id),
 * optionally taking `delayMs` on the injected clock, or never answering.
 */
import { type HttpCheckConfig } from '../../../shared/workspace/health';
import { type Clock, sleepOn } from '../clock';
import { type CheckKind, type CheckOutcome } from '../kinds/types';

export interface ScriptedKind extends CheckKind<HttpCheckConfig> {
  /** Every later run of this check returns this (until changed). */
  set(checkId: string, outcome: CheckOutcome | 'hang', delayMs?: number): void;
  runs: Array<{ checkId: string; at: number }>;
  running: number;
  maxRunning: number;
}

export function scriptedKind(clock: Clock): ScriptedKind {
  const script = new Map<string, { outcome: CheckOutcome | 'hang'; delayMs: number }>();
  const kind: ScriptedKind = {
    name: 'http',
    runs: [],
    running: 0,
    maxRunning: 0,
    subject: (check) => new URL(check.http).pathname,
    set(checkId, outcome, delayMs = 0) {
      script.set(checkId, { outcome, delayMs });
    },
    async run(check, context) {
      kind.runs.push({ checkId: check.id, at: clock.now() });
      kind.running++;
      kind.maxRunning = Math.max(kind.maxRunning, kind.running);
      try {
        const step = script.get(check.id) ?? {
          outcome: { status: 'up', reason: '200 in 1 ms', latencyMs: 1 },
          delayMs: 0,
        };
        if (step.outcome === 'hang') {
          await new Promise<never>(() => undefined);
          throw new Error('unreachable');
        }
        if (step.delayMs > 0) await sleepOn(clock, step.delayMs, context.signal);
        if (context.signal.aborted) return { status: 'down', reason: `timed out after ${context.timeoutMs} ms` };
        return step.outcome;
      } finally {
        kind.running--;
      }
    },
  };
  return kind;
}
