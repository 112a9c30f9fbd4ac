/**
 * What a rollback drill hears from health, for its service × environment: when the service went down (or degraded)
 * by its checks' own rules, when the down alert was decided, and — once the recovery was pressed — when every
 * watched check is up again and when each has passed `passes` runs in a row. Fed the bus's events; decides nothing
 * about the drill itself.
 */
import { type EventMessage } from '../../shared/rpc';
import { type Alert, type CheckView, type ServiceHealth } from '../../shared/model/health';

interface CheckRun {
  checkId: string;
  status: CheckView['status'];
  lastRunAt: number;
  streak: number;
}

export interface HealthHeard {
  /** The service went down or degraded (its status since then, or when it was heard). */
  down?: { at: number; status: 'down' | 'degraded'; reason: string };
  alert?: { at: number; title: string; delivered: boolean | null };
  /** Every watched check is up (after counting started). */
  allUp?: { at: number };
  /** Every watched check passed `passes` runs in a row. */
  allPassed?: { at: number };
}

export class DrillHealthWatch {
  private readonly runs = new Map<string, CheckRun>();
  private countingFrom: number | null = null;

  constructor(
    private readonly service: string,
    private readonly environment: string,
    private readonly checkIds: readonly string[],
    private readonly passes: number,
  ) {}

  /** Samples count from here on (the moment "Roll back now" was pressed). */
  startCounting(from: number): void {
    this.countingFrom = from;
    this.runs.clear();
  }

  private mine(item: { service: string; environment: string }): boolean {
    return item.service === this.service && item.environment === this.environment;
  }

  /** Reads one bus event; answers what it said about the drill's service, if anything. */
  hear(message: EventMessage): HealthHeard {
    // Payloads were checked against their event's schema when emitted (EventBus.emit), so the shapes hold.
    switch (message.event) {
      case 'health.status': {
        const payload = message.payload as { at: number; service: ServiceHealth | null };
        const health = payload.service;
        if (!health || !this.mine(health)) return {};
        if (health.status !== 'down' && health.status !== 'degraded') return {};
        // When the checks' own rules decided it (retries included), not when the first failing sample was taken: that
        // moment is firstFailureAt, and backdating detection to it would shorten time to detect by a retry interval.
        return { down: { at: payload.at, status: health.status, reason: health.reason } };
      }
      case 'health.alert': {
        const alert = message.payload as Alert;
        if (!this.mine(alert) || (alert.kind !== 'down' && alert.kind !== 'degraded')) return {};
        return { alert: { at: alert.at, title: alert.title, delivered: alert.practice?.delivered ?? null } };
      }
      case 'health.sample': {
        const payload = message.payload as { at: number; checks: CheckView[] };
        return this.sample(payload.at, payload.checks);
      }
      default:
        return {};
    }
  }

  private sample(at: number, views: CheckView[]): HealthHeard {
    const from = this.countingFrom;
    if (from === null) return {};
    let changed = false;
    for (const view of views) {
      if (!this.mine(view) || !this.checkIds.includes(view.checkId)) continue;
      if (view.lastRunAt === null || view.lastRunAt < from) continue;
      const before = this.runs.get(view.key);
      // A view repeats when the sample carries a check that did not run again: it is not a second pass.
      if (before?.lastRunAt === view.lastRunAt) continue;
      const streak = view.status === 'up' ? (before?.streak ?? 0) + 1 : 0;
      this.runs.set(view.key, { checkId: view.checkId, status: view.status, lastRunAt: view.lastRunAt, streak });
      changed = true;
    }
    if (!changed) return {};
    const heard: HealthHeard = {};
    if (this.every((run) => run.status === 'up')) heard.allUp = { at };
    if (this.every((run) => run.status === 'up' && run.streak >= this.passes)) heard.allPassed = { at };
    return heard;
  }

  /** Every watched check has run since counting started, and all its instances satisfy `ok`. */
  private every(ok: (run: CheckRun) => boolean): boolean {
    const runs = [...this.runs.values()];
    return this.checkIds.every((id) => {
      const mine = runs.filter((r) => r.checkId === id);
      return mine.length > 0 && mine.every(ok);
    });
  }

  /** "checkout-ready 2/3, checkout-http 3/3": how far the passes in a row have come. */
  progress(): string {
    const runs = [...this.runs.values()];
    return this.checkIds
      .map((id) => {
        const mine = runs.filter((r) => r.checkId === id);
        const streak = mine.length === 0 ? 0 : Math.min(...mine.map((r) => r.streak));
        return `${id} ${Math.min(streak, this.passes)}/${this.passes}`;
      })
      .join(', ');
  }
}
