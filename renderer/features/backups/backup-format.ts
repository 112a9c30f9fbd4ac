/**
 * How the Backups and Drills screens say things: health tones and words, age against the RPO, sizes, the size
 * sparkline's geometry, and a drill's RTO/RPO against its targets. Pure, so it is unit-tested.
 */
import {
  type BackupHealth,
  type BackupStatus,
  type DrillPhase,
  type RestoreDrill,
  type VerificationStatus,
} from '../../../shared/model/backups';
import { type Tone } from '../../components/StatusPill';
import { formatElapsed, formatInterval } from '../../lib/format';

export const healthTone: Record<BackupHealth, Tone> = { ok: 'ok', warning: 'warn', broken: 'bad', unknown: 'idle' };
export const healthLabel: Record<BackupHealth, string> = {
  ok: 'ok',
  warning: 'warning',
  broken: 'broken',
  unknown: 'unknown',
};

export const verificationTone: Record<VerificationStatus, Tone> = {
  ok: 'ok',
  warning: 'warn',
  failed: 'bad',
  error: 'bad',
  skipped: 'idle',
};
export const verificationLabel: Record<VerificationStatus, string> = {
  ok: 'passed',
  warning: 'warning',
  failed: 'failed',
  error: 'could not run',
  skipped: 'skipped',
};

export const drillTone: Record<RestoreDrill['status'], Tone> = {
  running: 'running',
  succeeded: 'ok',
  failed: 'bad',
  cancelled: 'idle',
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An age or an RPO in one unit a person compares at a glance: "45 min", "31 h", "3 d". */
export function formatAge(ms: number): string {
  if (ms < HOUR) return `${Math.max(0, Math.round(ms / 60_000))} min`;
  if (ms < 3 * DAY) return `${Math.round(ms / HOUR)} h`;
  return `${Math.round(ms / DAY)} d`;
}

export interface AgeBar {
  /** "31 h / 26 h" */
  text: string;
  /** The bar's fill, 0…1 (capped: a copy 3× too old fills it). */
  fill: number;
  tone: Tone;
  /** "newest copy 31 h old, past the RPO of 26 h" (the bar's accessible name). */
  label: string;
}

/** The newest copy's age against the RPO: ok under 80 %, warn up to it, bad past it. */
export function ageBar(ageMs: number | null, rpoMs: number): AgeBar {
  if (ageMs === null)
    return { text: `— / ${formatAge(rpoMs)}`, fill: 0, tone: 'idle', label: `no copy yet (RPO ${formatAge(rpoMs)})` };
  const share = rpoMs > 0 ? ageMs / rpoMs : 1;
  const tone: Tone = share > 1 ? 'bad' : share > 0.8 ? 'warn' : 'ok';
  const text = `${formatAge(ageMs)} / ${formatAge(rpoMs)}`;
  const label =
    share > 1
      ? `newest copy ${formatAge(ageMs)} old, past the RPO of ${formatAge(rpoMs)}`
      : `newest copy ${formatAge(ageMs)} old, within the RPO of ${formatAge(rpoMs)}`;
  return { text, fill: Math.min(1, share), tone, label };
}

/** "512 B", "14.2 KB", "3.1 GB" (powers of 1024, as the tools print them). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0
    ? `${Math.round(value)} B`
    : `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export interface SparkPoint {
  x: number;
  y: number;
  id: string;
  size: number;
  shrunk: boolean;
}

export interface Sparkline {
  /** An SVG path through the copies that have a size; empty when fewer than two do. */
  path: string;
  points: SparkPoint[];
}

/**
 * The sizes' geometry in a width × height box (with `pad` for the dots): oldest left, the smallest size at the
 * bottom. The scale starts at zero when sizes are close, so a steady series reads flat rather than as noise, while
 * a copy that shrank still drops visibly.
 */
export function sparkline(sizes: BackupStatus['sizes'], width: number, height: number, pad = 3): Sparkline {
  const known = sizes.filter((s): s is (typeof sizes)[number] & { size: number } => s.size !== null);
  if (known.length === 0) return { path: '', points: [] };
  const max = Math.max(...known.map((s) => s.size));
  const min = 0;
  const span = max - min || 1;
  const step = known.length > 1 ? (width - 2 * pad) / (known.length - 1) : 0;
  const points = known.map((s, i) => ({
    x: round(known.length > 1 ? pad + i * step : width / 2),
    y: round(height - pad - ((s.size - min) / span) * (height - 2 * pad)),
    id: s.id,
    size: s.size,
    shrunk: s.shrunk,
  }));
  const path = points.length > 1 ? points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ') : '';
  return { path, points };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** "41 s of 30 min": an achieved time against its target (in the file's words), and whether it met it. */
export function againstTarget(achievedMs: number | null, targetMs: number): { text: string; met: boolean | null } {
  if (achievedMs === null) return { text: `— (target ${formatInterval(targetMs)})`, met: null };
  return {
    text: `${formatElapsed(achievedMs)} of ${formatInterval(targetMs)}`,
    met: achievedMs <= targetMs,
  };
}

/** "3 of 3 passed". */
export function checksPassed(drill: Pick<RestoreDrill, 'checks'>): string {
  const passed = drill.checks.filter((c) => c.ok).length;
  return drill.checks.length === 0 ? 'no checks' : `${passed} of ${drill.checks.length} passed`;
}

export interface PhaseBar {
  name: DrillPhase['name'];
  durationMs: number;
  ok: boolean;
  /** Share of the longest phase, 0…1, at least a sliver so a fast phase still shows. */
  share: number;
  detail: string | null;
}

export function phaseBars(phases: readonly DrillPhase[]): PhaseBar[] {
  const longest = Math.max(1, ...phases.map((p) => p.durationMs));
  return phases.map((p) => ({
    name: p.name,
    durationMs: p.durationMs,
    ok: p.ok,
    share: Math.max(0.02, p.durationMs / longest),
    detail: p.detail,
  }));
}

/** When the next drill is due, in words: "due in 84 days", "overdue by 3 days", "due now". */
export function dueText(dueAt: string, overdue: boolean, now: number = Date.now()): string {
  const diff = Date.parse(dueAt) - now;
  if (Number.isNaN(diff)) return '—';
  if (overdue || diff <= 0) {
    const late = -diff;
    return late < DAY ? 'due now' : `overdue by ${formatAge(late).replace(' d', ' days')}`;
  }
  return diff < DAY ? 'due today' : `due in ${formatAge(diff).replace(' d', ' days')}`;
}
