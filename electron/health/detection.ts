/**
 * Flap suppression holds a service's status unspoken for at most the detection time of the checks behind it (see
 * electron/alerts/rules.ts).
 */
import { type CheckView, type HealthStatus, detectionTimeMs } from '../../shared/model/health';
import { type ScheduledCheck } from './plan';
import { contribution } from './status';

type Timing = Pick<ScheduledCheck, 'everyMs' | 'everyFailingMs' | 'retries' | 'timeoutMs'>;

/**
 * How long a service's status may stay unspoken while it flaps: the shortest detection time among the checks that
 * make it so (for down, its critical checks that are down; for up, all of its checks). Null when none is planned.
 */
export function flapHoldMs(
  status: HealthStatus,
  views: readonly CheckView[],
  planned: ReadonlyMap<string, Timing>,
): number | null {
  const causes = status === 'down' || status === 'degraded' ? views.filter((v) => contribution(v) === status) : views;
  const times = causes.flatMap((v) => {
    const check = planned.get(v.key);
    return check ? [detectionTimeMs(check)] : [];
  });
  return times.length > 0 ? Math.min(...times) : null;
}
