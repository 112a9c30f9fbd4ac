/**
 * Words and tones for deploys, shared by the Deploys screen, its dialogs and the Overview card. Pure, so what a
 * person reads (a result, a release name, a host's state, a log's lines) is unit-tested. Refs, release names,
 * reasons and messages come from hosts and other people's journals: control characters and bidi overrides in them
 * are shown escaped (`\x1b`, `\u202e`), so "v1\u202egpj.exe" cannot pass for another name.
 */
import { type DeployRecord, type HostOutcome } from '../../../shared/model/deploys';
import { type RunSummary } from '../../../shared/api/deploys';
import { type Tone } from '../../components/StatusPill';
import { safeLine, safeText } from '../../../shared/text/control-chars';

export { duration, logLines, type LogLine } from '../../lib/run-log';

/** A one-line value from data (a ref, a host, a path, a reason), fit to show. */
export const shownLine = safeLine;
/** Multi-line text from data (a summary, a failure with its output), fit to show. */
export const shownText = safeText;

export const resultTone: Record<string, Tone> = {
  healthy: 'ok',
  succeeded: 'ok',
  failed: 'bad',
  bad: 'bad',
  'rolled-back': 'warn',
  cancelled: 'idle',
  unknown: 'idle',
  running: 'running',
  locked: 'warn',
};

export const resultLabel: Record<string, string> = {
  healthy: 'healthy',
  succeeded: 'succeeded',
  failed: 'failed',
  bad: 'bad',
  'rolled-back': 'rolled back',
  cancelled: 'cancelled',
  unknown: 'unknown',
  running: 'running',
  locked: 'locked',
};

export const hostStateLabel: Record<HostOutcome['state'], string> = {
  'not-switched': 'not switched (unchanged)',
  switched: 'switched, not yet checked',
  healthy: 'switched and healthy',
  'rolled-back': 'rolled back',
  unknown: 'unknown — check it',
};

export const hostStateTone: Record<HostOutcome['state'], Tone> = {
  'not-switched': 'idle',
  switched: 'warn',
  healthy: 'ok',
  'rolled-back': 'warn',
  unknown: 'bad',
};

const ID = /^(\d{8}T\d{6}Z)(?:-(.+))?$/;

/** `20250101T120000Z-v1.5.0` → "v1.5.0"; any other name is shown as it is. */
export function releaseName(id: string | null | undefined): string {
  if (!id) return '—';
  const match = ID.exec(id);
  return safeLine(match?.[2] ?? id);
}

/** A release id inside a sentence; its name never ends with "." so a full stop after it stays a full stop. */
const ID_IN_TEXT = /\b\d{8}T\d{6}Z-([A-Za-z0-9._-]*[A-Za-z0-9_-])/g;

/**
 * A sentence with release ids shortened to their names, as everywhere else in the UI: "Deploy of
 * 20250101T120000Z-v1.5.1 cancelled" → "Deploy of v1.5.1 cancelled" (the full text stays in a tooltip).
 */
export function shortReleaseIds(text: string): string {
  return safeText(text).replace(ID_IN_TEXT, (_, name: string) => name);
}

/** A failed step's message without its "Restart on web-1: " prefix, when the line already names step and host. */
export function failureMessage(failure: { host: string | null; message: string }): string {
  const message = safeText(failure.message);
  if (!failure.host) return message;
  const marker = ` on ${safeLine(failure.host)}: `;
  const at = message.indexOf(marker);
  return at === -1 || at > 80 ? message : message.slice(at + marker.length);
}

/** What a history row names: the ref if known, else the release's short name. */
export function recordRelease(record: Pick<DeployRecord, 'ref' | 'releaseId'>): string {
  return record.ref !== null ? safeLine(record.ref) : releaseName(record.releaseId);
}

/** A rollback drill's run: shown apart (badge, muted), never offered a way back, never in the DORA row. */
export function isPractice(record: Pick<DeployRecord, 'practice'>): boolean {
  return typeof record.practice === 'string' && record.practice !== '';
}

/** The practice badge's tooltip: which drill made the run. */
export function practiceTitle(record: Pick<DeployRecord, 'practice' | 'source'>): string {
  const who = record.source === 'audit' ? "a teammate's rollback drill" : 'a rollback drill';
  return `Made by ${who}: not counted in the DORA figures, marks no release good or bad`;
}

/**
 * Which figures the DORA row sums, in words: the overview's figures cover every service and environment with a
 * deploy, and "12 deploys" must not read as one service's.
 */
export function doraScope(targets: ReadonlyArray<{ service: string; environment: string }>): string {
  const services = [...new Set(targets.map((t) => t.service))].sort();
  const environments = new Set(targets.map((t) => t.environment)).size;
  const where = environments > 1 ? `, all ${environments} environments` : '';
  if (services.length === 0) return 'No service deploys yet';
  if (services.length === 1) return `${safeLine(services[0] ?? '')} only${where}`;
  const named = services.length <= 4 ? ` (${services.map(safeLine).join(', ')})` : '';
  return `All ${services.length} services together${named}${where}`;
}

/** A time worth showing: releases found on a host without one come with the epoch, shown as unknown. */
export function knownTime(iso: string | null | undefined): string | null {
  return iso && Date.parse(iso) > 0 ? iso : null;
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`;
}

/** What a run's pill says: running, its result, or "locked" when someone else's lock stopped it before it began. */
export function runStatus(run: Pick<RunSummary, 'status' | 'outcome' | 'problem'>): string {
  if (run.status === 'running') return 'running';
  if (run.problem?.kind === 'locked') return 'locked';
  return run.outcome?.result ?? run.status;
}
