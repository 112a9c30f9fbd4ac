/**
 * Flap suppression merges notices but never hides a state that lasts: while a service flaps, a status it keeps for
 * its hold — the detection time of the checks that make it so (every + retries × everyFailing + timeout, see
 * electron/health/detection.ts), counted from when that status began — is told once ("… is down (after
 * flapping)"), so a critical check is never silent for longer than its own detection time.
 *
 * When to tell someone, and what. Only user-impact changes of a service × environment alert: going down
 * (critical), going degraded (warning), and recovering (info, once, and only if the failure was told). The same
 * status twice is never sent twice. A flapping service gets one notice; after it only a status that lasts (above)
 * is told, and once it is stable its settled status is told if it differs from the last one told. During quiet
 * hours warnings and info wait until the window ends (critical never waits). Each alert says what changed
 * recently — the last deploy — next to what failed. While a rollback drill practises on a service × environment,
 * its alerts carry the drill's id: recorded as always, but sent to nobody unless the drill asks for it, and then
 * titled "Practice: …" so nobody mistakes them for the real thing.
 */
import { type Alert, type AlertSeverity, type HealthStatus, type ServiceHealth } from '../../shared/model/health';
import { type Clock, type TimerHandle, systemClock } from '../health/clock';
import { humanDuration } from '../health/words';
import { type QuietHours, isQuiet, parseQuietHours, quietEnds } from './quiet-hours';
import { describeRecentDeploy } from './recent-change';
import { type Notifier, type RecentDeployLookup } from './types';
import { log } from '../log';

export interface AlertEngineOptions {
  notifiers: Notifier[];
  clock?: Clock;
  /** "22:00-07:00", local time. */
  quietHours?: string;
  recentDeploy?: RecentDeployLookup;
  /** Every alert decided (sent or held), for the journal and the UI. */
  onAlert?: (alert: Alert) => void;
  /** A notifier failed; the error message never holds secrets. */
  onError?: (notifier: string, error: unknown) => void;
  /** Every notifier answered for this alert: who was told, and who failed (for the journal). */
  onDelivered?: (alert: Alert, outcome: DeliveryOutcome) => void;
  /** The drill practising on this service × environment now, if any, and whether its alerts go out. */
  practice?: (service: string, environment: string) => { drillId: string; notify: boolean } | null;
  /** How long a flapping service's status may stay unspoken (its checks' detection time); null: not known. */
  flapHold?: (service: ServiceHealth) => number | null;
  /** The service as it is now, so a status told after its hold reads "for 20 s", not the words of its start. */
  current?: (service: string, environment: string) => ServiceHealth | undefined;
}

/** The hold when the checks' timing is not known (a service without planned checks). */
export const DEFAULT_FLAP_HOLD_MS = 60_000;

export interface DeliveryOutcome {
  told: string[];
  /** Notifier name → its error message (never a secret). */
  failed: Array<{ notifier: string; message: string }>;
}

interface Told {
  /** The status people were last told about ('up' = nothing outstanding). */
  status: HealthStatus;
  /** When the failure they were told about began. */
  failedAt: number | null;
  flapNoticeSent: boolean;
  /** While it flaps: the lasting status told since the flapping notice (null: none yet). */
  flapTold: HealthStatus | null;
}

type Kind = Alert['kind'];

const severityOf: Record<Kind, AlertSeverity> = {
  down: 'critical',
  degraded: 'warning',
  recovered: 'info',
  flapping: 'info',
};

export class AlertEngine {
  #options: AlertEngineOptions;
  readonly #clock: Clock;
  #quiet?: QuietHours;
  readonly #told = new Map<string, Told>();
  #held: Alert[] = [];
  #flushTimer?: TimerHandle;
  #sent: Alert[] = [];
  #seq = 0;
  #pending = new Set<Promise<void>>();
  /** service@environment → the last status fed in, and the timer waiting for it to outlast its hold. */
  readonly #latest = new Map<string, ServiceHealth>();
  readonly #holdTimers = new Map<string, TimerHandle>();

  constructor(options: AlertEngineOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#quiet = options.quietHours ? parseQuietHours(options.quietHours) : undefined;
  }

  /**
   * New notifiers or quiet hours (the workspace file or the app's setting changed); what was already told is kept.
   * Alerts held for a window that no longer holds them go out now; otherwise they wait for the new window's end.
   */
  configure(options: Pick<AlertEngineOptions, 'notifiers' | 'quietHours'>): void {
    this.#options = { ...this.#options, ...options };
    this.#quiet = options.quietHours ? parseQuietHours(options.quietHours) : undefined;
    if (this.#held.length === 0) return;
    if (this.#flushTimer) this.#clock.clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const now = this.#clock.now();
    if (this.#quiet && isQuiet(this.#quiet, now)) this.#scheduleFlush(quietEnds(this.#quiet, now));
    else void this.flushHeld();
  }

  /** Alerts decided so far, newest last (held ones included, marked delayed). */
  history(): Alert[] {
    return [...this.#sent];
  }

  /** Feed every service status change here (from ServiceBoard.update). */
  async onServiceChange(next: ServiceHealth): Promise<void> {
    const id = `${next.service}@${next.environment}`;
    const told = this.#told.get(id) ?? { status: 'up', failedAt: null, flapNoticeSent: false, flapTold: null };
    this.#told.set(id, told);
    this.#latest.set(id, next);
    this.#stopHold(id);
    if (next.flapping) {
      const notice = !told.flapNoticeSent;
      if (notice) {
        told.flapNoticeSent = true;
        told.flapTold = null;
      }
      this.#holdUntilLasting(id, next, told);
      if (notice) await this.#emit(next, 'flapping', told);
      return;
    }
    told.flapNoticeSent = false;
    told.flapTold = null;
    await this.#tell(next, told, this.#decide(told.status, next.status), false);
  }

  /** Records what is told (synchronously, so changes arriving meanwhile see it) and sends it. */
  async #tell(next: ServiceHealth, told: Told, kind: Kind | undefined, afterFlapping: boolean): Promise<void> {
    if (!kind) return;
    const before = { ...told };
    if (kind === 'recovered') {
      told.status = 'up';
      told.failedAt = null;
    } else {
      told.status = next.status;
      told.failedAt ??= next.since ?? this.#clock.now();
    }
    // A recovery speaks of the failure it ends; a failure of itself.
    await this.#emit(next, kind, kind === 'recovered' ? before : { ...told }, afterFlapping);
  }

  /** What a flapping service's lasting status tells: a failure, or the recovery from a failure that was told. */
  #lastingKind(told: Told, status: HealthStatus): Kind | undefined {
    if (status === 'down' || status === 'degraded') return status;
    if (status === 'up' && (told.status === 'down' || told.status === 'degraded')) return 'recovered';
    return undefined;
  }

  /**
   * While it flaps, waits for the status to outlast its hold; a status that began long ago is told at once. A timer
   * on the health clock, not the next sample: an unchanged status never reaches the rules again, and a sample could
   * come after the deadline.
   */
  #holdUntilLasting(id: string, next: ServiceHealth, told: Told): void {
    if (next.status === told.flapTold || !this.#lastingKind(told, next.status)) return;
    const now = this.#clock.now();
    const hold = this.#holdMs(next);
    const due = Math.max(0, (next.since ?? now) + hold - now);
    this.#holdTimers.set(
      id,
      this.#clock.setTimeout(() => {
        this.#holdTimers.delete(id);
        const telling = this.#tellLasting(id, next);
        this.#pending.add(telling);
        void telling.finally(() => this.#pending.delete(telling));
      }, due),
    );
  }

  async #tellLasting(id: string, held: ServiceHealth): Promise<void> {
    const told = this.#told.get(id);
    // Anything fed in since cancels the timer; this guards a timer that fired in the same turn as a change.
    if (!told || this.#latest.get(id) !== held) return;
    told.flapTold = held.status;
    const fresh = this.#options.current?.(held.service, held.environment);
    const service = fresh && fresh.status === held.status ? { ...held, reason: fresh.reason } : held;
    const kind = this.#lastingKind(told, held.status);
    await this.#tell(service, told, kind, kind !== 'recovered');
  }

  #holdMs(service: ServiceHealth): number {
    try {
      return this.#options.flapHold?.(service) ?? DEFAULT_FLAP_HOLD_MS;
    } catch (error) {
      log.error('[alerts] working out how long to hold a flapping status failed:', errorText(error));
      return DEFAULT_FLAP_HOLD_MS;
    }
  }

  #stopHold(id: string): void {
    const timer = this.#holdTimers.get(id);
    if (timer === undefined) return;
    this.#clock.clearTimeout(timer);
    this.#holdTimers.delete(id);
  }

  #decide(told: HealthStatus, now: HealthStatus): Kind | undefined {
    if (now === 'unknown' || now === told) return undefined;
    if (now === 'down') return 'down';
    if (now === 'degraded') return 'degraded';
    return told === 'down' || told === 'degraded' ? 'recovered' : undefined;
  }

  async #emit(service: ServiceHealth, kind: Kind, told: Told, afterFlapping = false): Promise<void> {
    const now = this.#clock.now();
    const recentChange = await this.#recentChange(service);
    const name = `${service.service} (${service.environment})`;
    const flapped = afterFlapping ? ' (after flapping)' : '';
    let title: string;
    let reason = service.reason;
    if (kind === 'down') title = `${name} is down${flapped}`;
    else if (kind === 'degraded') title = `${name} is degraded${flapped}`;
    else if (kind === 'flapping') {
      title = `${name} is flapping`;
      reason = `its status keeps changing; until it is stable, only a status that lasts is told. Now: ${service.reason}`;
    } else {
      title = `${name} recovered`;
      const lasted = told.failedAt === null ? '' : ` after ${humanDuration(now - told.failedAt)}`;
      reason = `${service.service} is up again${lasted} (was ${told.status})`;
    }
    const body = [reason, recentChange && capitalize(recentChange)].filter(Boolean).join('\n');
    const practice = this.#practice(service);
    if (practice?.delivered) title = `Practice: ${title}`;
    const alert: Alert = {
      id: `alert-${now}-${++this.#seq}`,
      at: now,
      service: service.service,
      environment: service.environment,
      kind,
      severity: severityOf[kind],
      status: service.status,
      title,
      body,
      reason,
      recentChange,
      delayed: false,
      ...(afterFlapping ? { afterFlapping } : {}),
      ...(practice ? { practice } : {}),
    };
    // An alert that goes to nobody has nothing to wait for: it is recorded when decided.
    const silent = practice !== null && !practice.delivered;
    if (!silent && alert.severity !== 'critical' && this.#quiet && isQuiet(this.#quiet, now)) {
      this.#hold(alert, quietEnds(this.#quiet, now));
      return;
    }
    await this.#deliver(alert);
  }

  #practice(service: ServiceHealth): NonNullable<Alert['practice']> | null {
    try {
      const tag = this.#options.practice?.(service.service, service.environment);
      return tag ? { drillId: tag.drillId, delivered: tag.notify } : null;
    } catch (error) {
      log.error('[alerts] asking for a practice drill failed:', errorText(error));
      return null;
    }
  }

  async #recentChange(service: ServiceHealth): Promise<string | null> {
    if (!this.#options.recentDeploy) return null;
    try {
      const deploy = await this.#options.recentDeploy(service.service, service.environment);
      return deploy ? describeRecentDeploy(deploy, this.#clock.now()) : null;
    } catch {
      return null;
    }
  }

  #hold(alert: Alert, until: number): void {
    this.#held.push({ ...alert, delayed: true });
    if (!this.#flushTimer) this.#scheduleFlush(until);
  }

  #scheduleFlush(until: number): void {
    this.#flushTimer = this.#clock.setTimeout(() => {
      this.#flushTimer = undefined;
      void this.flushHeld();
    }, until - this.#clock.now());
  }

  /**
   * Quiet hours ended: per service × environment, the latest held alert is sent. A recovery whose failure was
   * also held says both in one message, so the morning brings one line per incident instead of a replay.
   */
  async flushHeld(): Promise<void> {
    const held = this.#held;
    this.#held = [];
    const byService = new Map<string, Alert[]>();
    for (const alert of held) {
      const id = `${alert.service}@${alert.environment}`;
      byService.set(id, [...(byService.get(id) ?? []), alert]);
    }
    for (const alerts of byService.values()) {
      const last = alerts.at(-1) as Alert;
      const failure = alerts.find((a) => a.kind === 'down' || a.kind === 'degraded');
      const alert =
        last.kind === 'recovered' && failure
          ? { ...last, body: `${last.body}\nDuring quiet hours: ${failure.reason}`, reason: last.reason }
          : last;
      await this.#deliver(alert);
    }
  }

  async #deliver(alert: Alert): Promise<void> {
    this.#sent.push(alert);
    this.#options.onAlert?.(alert);
    const outcome: DeliveryOutcome = { told: [], failed: [] };
    // A practice alert the drill keeps quiet is recorded and told to no one.
    const notifiers = alert.practice && !alert.practice.delivered ? [] : this.#options.notifiers;
    const sending = Promise.all(
      notifiers.map(async (notifier) => {
        try {
          await notifier.send(alert);
          outcome.told.push(notifier.name);
        } catch (error) {
          outcome.failed.push({ notifier: notifier.name, message: errorText(error) });
          (this.#options.onError ?? ((n: string, e: unknown) => log.error(`[alerts] ${n}:`, errorText(e))))(
            notifier.name,
            error,
          );
        }
      }),
    ).then(() => this.#options.onDelivered?.(alert, outcome));
    this.#pending.add(sending);
    await sending;
    this.#pending.delete(sending);
  }

  /** Waits for notifications in flight and drops held ones' timer. */
  async close(): Promise<void> {
    if (this.#flushTimer) this.#clock.clearTimeout(this.#flushTimer);
    for (const id of [...this.#holdTimers.keys()]) this.#stopHold(id);
    await Promise.allSettled([...this.#pending]);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
