/**
 * The detail pane's facts in words: the data an action's intent and result carried, as labelled rows ("Service",
 * "Recent change", "Hosts") instead of JSON. Known fields get their own labels; other plain values (text, numbers,
 * yes/no, short lists), up to one level down, get a label made from their name. Anything else — long text, deep
 * structures — stays in the pane's "Raw data" disclosure. Pure, so what is shown is unit-tested.
 */
import { type JournalAction, type JournalEntry } from '../../../shared/model/journal';

export interface DetailField {
  label: string;
  value: string;
}

const labels: Record<string, string> = {
  service: 'Service',
  environment: 'Environment',
  severity: 'Severity',
  reason: 'Reason',
  recentChange: 'Recent change',
  delayed: 'Held by quiet hours',
  release: 'Release',
  releaseId: 'Release',
  hosts: 'Hosts',
  host: 'Host',
  method: 'Method',
  backup: 'Backup',
  force: 'Forced',
  stale: 'Stale',
  lastStep: 'Last step before it stopped',
  movedTo: 'Old journal moved to',
  problem: 'Problem',
  fingerprint: 'Host key fingerprint',
  source: 'Opened from',
  view: 'View',
  replayed: 'Replayed',
  incidentId: 'Incident',
  practice: 'Practice',
};

/** Fields already shown elsewhere in the pane (title, status, outcome) or meaningless to a reader (ids, times). */
const skipped = new Set(['outcome', 'id', 'at', 'title', 'body', 'kind', 'status', 'summary']);
/** Longer text belongs to the raw data, not a row. */
const MAX_VALUE_CHARS = 200;
const MAX_LIST_ITEMS = 12;

/** "recentChange" → "Recent change". */
export function labelOf(key: string): string {
  const known = labels[key];
  if (known) return known;
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function plainValue(value: unknown): string | null {
  if (typeof value === 'string') return value === '' || value.length > MAX_VALUE_CHARS ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.length === 0 || value.length > MAX_LIST_ITEMS) return null;
    const items = value.map(plainValue);
    return items.every((item): item is string => item !== null) ? items.join(', ') : null;
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collect(data: Record<string, unknown> | null | undefined, into: Map<string, string>, depth = 0): void {
  if (!data) return;
  for (const [key, value] of Object.entries(data)) {
    if (skipped.has(key)) continue;
    if (isRecord(value)) {
      if (depth === 0) collect(value, into, depth + 1);
      continue;
    }
    const text = plainValue(value);
    const label = labelOf(key);
    // The intent's word stands: a later entry repeating the field adds nothing.
    if (text !== null && !into.has(label)) into.set(label, text);
  }
}

/**
 * An alert's summary ends "Told: desktop, Slack." and, when a delivery failed, "Not sent: Slack: 500 …"
 * (electron/alerts/journal.ts); they are rows of their own here.
 */
function alertDelivery(summary: string | null, into: Map<string, string>): void {
  if (!summary) return;
  const told = /Told: ([^.]*)\./.exec(summary)?.[1];
  if (told) into.set('Told', told);
  const notSent = /Not sent: (.*)$/.exec(summary)?.[1];
  if (notSent) into.set('Not sent', notSent);
}

export function detailFields(
  action: Pick<JournalAction, 'kind' | 'summary'>,
  entries: readonly Pick<JournalEntry, 'phase' | 'data'>[],
): DetailField[] {
  const found = new Map<string, string>();
  // Steps' data is per step (one host of many): the log shows it; a row would speak for the whole action.
  collect(entries.find((e) => e.phase === 'intent')?.data, found);
  collect(entries.find((e) => e.phase === 'result')?.data, found);
  if (action.kind === 'health.alert') alertDelivery(action.summary, found);
  return [...found].map(([label, value]) => ({ label, value }));
}

/** Whether any entry carried data worth a "Raw data" disclosure. */
export function hasRawData(entries: readonly Pick<JournalEntry, 'data'>[]): boolean {
  return entries.some((e) => e.data !== null && Object.keys(e.data).length > 0);
}
