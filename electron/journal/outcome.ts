/**
 * An action's outcome in the user's words (shared/model/journal.ts `actionOutcomeSchema`), as the journal hands it
 * back. A writer states it in its result entry's data (`{ outcome: { word, tone } }`); alerts written before
 * writers did so get theirs from the alert they carried, so an old journal reads right too. Never throws: a
 * malformed outcome is simply not shown.
 */
import { type ActionOutcome, actionOutcomeSchema } from '../../shared/model/journal';

/** The alerts' journal kind (electron/alerts/journal.ts), named here because the journal must not import a feature. */
export const HEALTH_ALERT_KIND = 'health.alert';

/**
 * The columns an outcome is read from, for a query over `actions AS a` whose result entry is `r`: the stated
 * outcome's JSON text (json_extract hands back the member alone, not the whole result data), and for an old alert
 * its intent's kind and whether it was practice. Data is always valid JSON (a CHECK in migration 001 says so).
 */
export const OUTCOME_COLUMNS = `
    CASE WHEN json_type(r.data, '$.outcome') = 'object' THEN json_extract(r.data, '$.outcome') END AS outcome,
    CASE WHEN a.kind = '${HEALTH_ALERT_KIND}' THEN
      (SELECT json_extract(i.data, '$.alert.kind') FROM action_entries AS i
        WHERE i.action_id = a.id AND i.phase = 'intent') END AS alert_kind,
    CASE WHEN a.kind = '${HEALTH_ALERT_KIND}' THEN
      (SELECT json_type(i.data, '$.alert.practice') = 'object' FROM action_entries AS i
        WHERE i.action_id = a.id AND i.phase = 'intent') END AS practice`;

/** An outcome as those columns hold it: stated first, the old-alert fallback second. */
export function outcomeOfColumns(
  kind: string,
  row: { outcome: string | null; alert_kind: string | null; practice: number | null },
): ActionOutcome | null {
  return statedOutcome(row.outcome) ?? fallbackOutcome(kind, row.alert_kind, row.practice === 1);
}

/** What each alert kind meant before writers stated it themselves. */
const alertOutcomes: Record<string, ActionOutcome> = {
  down: { word: 'down', tone: 'bad' },
  degraded: { word: 'degraded', tone: 'warn' },
  recovered: { word: 'recovered', tone: 'ok' },
  flapping: { word: 'flapping', tone: 'warn' },
};

/** The stated outcome in a result's data (parsed JSON or JSON text), or null when there is none or it is malformed. */
export function statedOutcome(value: unknown): ActionOutcome | null {
  const parsed = actionOutcomeSchema.safeParse(typeof value === 'string' ? parseJson(value) : value);
  return parsed.success ? parsed.data : null;
}

/**
 * An old alert's outcome from its intent's `alert.kind` (a practice alert during a drill is information, as
 * electron/alerts/journal.ts now writes it), or null for any other kind of action.
 */
export function fallbackOutcome(kind: string, alertKind: unknown, practice = false): ActionOutcome | null {
  if (kind !== HEALTH_ALERT_KIND || typeof alertKind !== 'string') return null;
  const said = alertOutcomes[alertKind];
  if (!said) return null;
  return practice ? { word: `practice: ${said.word}`, tone: 'info' } : said;
}

/** The outcome from an action's result and intent data (already parsed), stated first, the old-alert fallback second. */
export function outcomeOf(
  kind: string,
  result: Record<string, unknown> | null | undefined,
  intent: Record<string, unknown> | null | undefined,
): ActionOutcome | null {
  const stated = statedOutcome(result?.outcome);
  if (stated) return stated;
  const alert: unknown = intent?.alert;
  if (typeof alert !== 'object' || alert === null) return null;
  const { kind: alertKind, practice } = alert as { kind?: unknown; practice?: unknown };
  return fallbackOutcome(kind, alertKind, typeof practice === 'object' && practice !== null);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
