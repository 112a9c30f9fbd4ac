/**
 * Reading back what a feature stored as JSON in its own tables (a drill's record, its log): a row written by an
 * older or newer version that no longer fits its schema is left out rather than breaking the screen that lists it.
 */
import { type z } from 'zod';
import { type RunEvent, runEventSchema } from '../../shared/model/deploys';

export function parseStored<S extends z.ZodType>(schema: S, json: string): z.output<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A stored run log: the events that still fit the run-event shape, in order. */
export function parseStoredLog(json: string): RunEvent[] {
  try {
    const raw: unknown = JSON.parse(json);
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((e) => {
      const parsed = runEventSchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    });
  } catch {
    return [];
  }
}
