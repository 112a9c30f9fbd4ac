/**
 * The last check before a run event leaves the engine (windows, runLog, the CLI). Output was already redacted as a
 * stream by the step runner (which also joins secrets split across chunks) and passes through; every other text is
 * redacted here: a failure's message and output tail, a summary, a command line.
 */
import { type RunEvent } from '../../shared/model/deploys';
import { redactText } from '../journal/redact';

/** Fields that hold a host's public key, handed back verbatim to trust it: public, and must not be altered. */
const PUBLIC_FIELDS = new Set(['keyBase64']);

function redactStrings(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 16) return value;
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = PUBLIC_FIELDS.has(key) ? item : redactStrings(item, depth + 1);
  }
  return out;
}

export function redactEvent(event: RunEvent): RunEvent {
  // Output events come only from the step runner, already redacted as a stream (a second pass per chunk would
  // cost the hottest path and could only see less than the stream redactor saw).
  if (event.type === 'output') return event;
  // redactStrings only replaces strings with strings and copies everything else, so the shape is the event's own.
  return redactStrings(event, 0) as RunEvent;
}
