/**
 * Health history in SQLite: every sample, status changes and "not watched" gaps. Samples land in
 * `health_samples` and `downsample()` packs each complete hour into one `health_hours` row per check (raw samples
 * 48 h, 5-minute aggregates 90 days; see downsample.ts and hour-codec.ts). The caller owns the Database (the
 * journal's file, whose migrations 003 and 006 create the health_* tables); this class reads and writes only those
 * tables. Reads for charts, uptime and SLOs are in history.ts.
 */
import { type HealthSample, type HealthStatus, type WatchGap } from '../../shared/model/health';
import { type DownsampleResult, downsample } from './downsample';
import { HOUR_MS, type PackedSample, SAMPLE_COLUMNS, type SampleRow, decodeSamples, packedSample } from './hour-codec';
import { type Retention, STATUS_CODES, STATUS_NAMES, defaultRetention } from './retention';
import { type Database, hasHealthTables } from './store-schema';

export interface StoredTransition {
  key: string;
  at: number;
  from: HealthStatus;
  to: HealthStatus;
  reason: string;
  flapping: boolean;
}

export class HealthStore {
  readonly retention: Retention;
  #ids = new Map<string, number>();
  #insertSample;
  #insertGap;
  #hourSamples;
  #packedHours;

  constructor(
    readonly db: Database,
    retention: Partial<Retention> = {},
  ) {
    this.retention = { ...defaultRetention, ...retention };
    // The tables come from the journal's migration 003 (or migrateHealth for a bare database): say so plainly
    // rather than fail later on the first prepared statement.
    if (!hasHealthTables(db)) throw new Error('the health tables are missing: run the journal migrations first');
    this.#insertSample = db.prepare(
      `INSERT INTO health_samples (check_id, at, status, latency_us, cover_ms, reason, metrics)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.#hourSamples = db.prepare('SELECT samples FROM health_hour_samples WHERE hour = ? AND check_id = ?').pluck();
    this.#packedHours = db.prepare('SELECT min(hour) AS first, max(hour) AS last FROM health_hour_samples');
    this.#insertGap = db.prepare(
      'INSERT INTO health_gaps (start, end, reason) VALUES (?, ?, ?) ON CONFLICT (start) DO UPDATE SET end = max(end, excluded.end)',
    );
  }

  /** The integer id of a check key, created on first use. */
  checkId(key: string): number {
    const known = this.#ids.get(key);
    if (known !== undefined) return known;
    this.db.prepare('INSERT INTO health_checks (key) VALUES (?) ON CONFLICT (key) DO NOTHING').run(key);
    const id = this.db.prepare('SELECT id FROM health_checks WHERE key = ?').pluck().get(key) as number;
    this.#ids.set(key, id);
    return id;
  }

  /** The id of a key that has history, without creating one. */
  existingId(key: string): number | undefined {
    const known = this.#ids.get(key);
    if (known !== undefined) return known;
    const id = this.db.prepare('SELECT id FROM health_checks WHERE key = ?').pluck().get(key) as number | undefined;
    if (id !== undefined) this.#ids.set(key, id);
    return id;
  }

  insertSample(sample: HealthSample): void {
    const id = this.checkId(sample.key);
    const reason = sample.status === 'up' ? null : sample.reason;
    const metrics = sample.metrics && Object.keys(sample.metrics).length > 0 ? JSON.stringify(sample.metrics) : null;
    // Never below zero: the packed encoding has no sign for latencies (a clock step could make one).
    const latency = sample.latencyMs === null ? null : Math.max(0, Math.round(sample.latencyMs * 1000));
    // Two samples of one check in the same millisecond (a wake-up re-run) would collide on the key: nudge.
    for (let at = sample.at; at < sample.at + 10; at++) {
      const info = this.#insertSample.run(
        id,
        at,
        STATUS_CODES[sample.status],
        latency,
        sample.coverMs,
        reason,
        metrics,
      );
      if (info.changes > 0) return;
    }
  }

  /** Many samples in one transaction (imports, benchmarks). */
  insertSamples(samples: Iterable<HealthSample>): void {
    this.db.transaction(() => {
      for (const s of samples) this.insertSample(s);
    })();
  }

  insertTransition(t: StoredTransition): void {
    this.db
      .prepare(
        'INSERT INTO health_transitions (check_id, at, from_status, to_status, reason, flapping) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(this.checkId(t.key), t.at, t.from, t.to, t.reason, t.flapping ? 1 : 0);
  }

  insertGap(gap: WatchGap): void {
    if (gap.end > gap.start) this.#insertGap.run(gap.start, gap.end, gap.reason);
  }

  gaps(from: number, to: number): WatchGap[] {
    return this.db
      .prepare('SELECT start, end, reason FROM health_gaps WHERE end > ? AND start < ? ORDER BY start')
      .all(from, to) as WatchGap[];
  }

  /** Raw samples of one check, oldest first (only the last 48 h exist). */
  samples(key: string, from: number, to: number): HealthSample[] {
    const id = this.existingId(key);
    if (id === undefined) return [];
    const packed: PackedSample[] = [];
    // health_hour_samples is keyed hour first: look each hour up rather than scan every check's rows.
    const { first, last } = this.#packedHours.get() as { first: number | null; last: number | null };
    if (first !== null && last !== null) {
      const end = Math.min(to - 1, last);
      for (let hour = Math.max(Math.floor(from / HOUR_MS) * HOUR_MS, first); hour <= end; hour += HOUR_MS) {
        for (const s of this.hourSamples(id, hour) ?? []) if (s.at >= from && s.at < to) packed.push(s);
      }
    }
    const waiting = this.#waiting(id, from, to);
    // Waiting samples are usually all newer; one that arrived late for a packed hour sorts in.
    const all = packed.length === 0 ? waiting : [...packed, ...waiting].sort((a, b) => a.at - b.at);
    return all.map((s) => toSample(key, s));
  }

  /** Samples not packed yet (the newest hour, and any that arrived late), oldest first. */
  unpackedSamples(key: string, from: number, to: number): HealthSample[] {
    const id = this.existingId(key);
    if (id === undefined) return [];
    return this.#waiting(id, from, to).map((s) => toSample(key, s));
  }

  /** One check's packed samples of one hour; undefined once they are past the raw retention (or never were). */
  hourSamples(id: number, hour: number): PackedSample[] | undefined {
    const blob = this.#hourSamples.get(hour, id) as Uint8Array | undefined;
    return blob ? decodeSamples(hour, blob) : undefined;
  }

  #waiting(id: number, from: number, to: number): PackedSample[] {
    const rows = this.db
      .prepare(`SELECT ${SAMPLE_COLUMNS} FROM health_samples WHERE check_id = ? AND at >= ? AND at < ? ORDER BY at`)
      .all(id, from, to) as SampleRow[];
    return rows.map(packedSample);
  }

  transitions(key: string, from: number, to: number): StoredTransition[] {
    const id = this.existingId(key);
    if (id === undefined) return [];
    const rows = this.db
      .prepare(
        'SELECT at, from_status, to_status, reason, flapping FROM health_transitions WHERE check_id = ? AND at >= ? AND at < ? ORDER BY at',
      )
      .all(id, from, to) as Array<{
      at: number;
      from_status: HealthStatus;
      to_status: HealthStatus;
      reason: string;
      flapping: number;
    }>;
    return rows.map((r) => ({
      key,
      at: r.at,
      from: r.from_status,
      to: r.to_status,
      reason: r.reason,
      flapping: r.flapping === 1,
    }));
  }

  getMeta(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM health_meta WHERE key = ?').pluck().get(key) as string | undefined;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO health_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  /** Packs complete hours and applies retention; run it every few minutes. */
  downsample(now: number): DownsampleResult {
    return downsample(this.db, now, this.retention);
  }
}

function toSample(key: string, s: PackedSample): HealthSample {
  return {
    key,
    at: s.at,
    status: STATUS_NAMES[s.status] ?? 'down',
    latencyMs: s.latencyUs === null ? null : s.latencyUs / 1000,
    reason: s.reason ?? 'up',
    coverMs: s.coverMs,
    ...(s.metrics ? { metrics: JSON.parse(s.metrics) as Record<string, number> } : {}),
  };
}
