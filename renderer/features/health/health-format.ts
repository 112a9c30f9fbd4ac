/**
 * How health reads on screen: status tones and words, uptime percentages, latencies, burn rates, "for 3 min".
 * Pure, so the wording is unit-tested and the Overview, the Health screen and the charts say it the same way.
 */
import { type HealthStatus, type Uptime } from '../../../shared/model/health';
import { type Tone } from '../../components/StatusPill';

const tones: Record<HealthStatus, Tone> = { up: 'ok', degraded: 'warn', down: 'bad', unknown: 'idle' };

export function toneOf(status: HealthStatus): Tone {
  return tones[status];
}

/** The pill's word: "checking…" while a watched service waits for its first result. */
export function statusWord(status: HealthStatus, watching = true): string {
  if (status === 'unknown') return watching ? 'checking…' : 'unknown';
  return status;
}

/** 100 %, 99.95 %, 97.3 %; "—" when nothing was watched. Never rounds a failure up to 100 %. */
export function formatUptime(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return '—';
  if (percent >= 100) return '100%';
  const digits = percent >= 99 ? 2 : 1;
  const factor = 10 ** digits;
  return `${(Math.floor(percent * factor) / factor).toFixed(digits)}%`;
}

/** What an uptime window leaves out, for its tooltip: "not watched for 2 h 5 min". */
export function uptimeNote(uptime: Uptime): string {
  const parts = [`watched ${formatSpan(uptime.watchedMs)}`];
  if (uptime.downMs > 0) parts.push(`down ${formatSpan(uptime.downMs)}`);
  if (uptime.notWatchedMs > 0) parts.push(`not watched ${formatSpan(uptime.notWatchedMs)}`);
  return parts.join(' · ');
}

/** "12 ms", "1.2 s"; "—" when there is none. */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1_000) return `${ms < 10 ? ms.toFixed(1).replace(/\.0$/, '') : Math.round(ms)} ms`;
  return `${(ms / 1_000).toFixed(1).replace(/\.0$/, '')} s`;
}

/** "45 s", "3 min", "2 h 5 min", "3 days": a duration the way an on-call person says it. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, ms) / 1_000;
  if (s < 60) return `${Math.floor(s)} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} days`;
}

/** "for 3 min" since a status began, or "" under 10 s (a fresh change has no duration worth saying). */
export function lastingFor(since: number | null, now: number): string {
  if (since === null || now - since < 10_000) return '';
  return `for ${formatSpan(now - since)}`;
}

/** ×0.4 — how fast the error budget burns (1 = exactly on budget). */
export function formatBurn(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `×${rate < 10 ? rate.toFixed(1) : Math.round(rate)}`;
}

/** The SLO's budget left, clamped for a bar (overspent shows as an empty bar and says so in words). */
export function budgetBar(remainingPercent: number | null): number {
  if (remainingPercent === null) return 0;
  return Math.max(0, Math.min(100, remainingPercent));
}

/** "checkout · production" */
export function pairLabel(service: string, environment: string): string {
  return `${service} · ${environment}`;
}
