/**
 * What changed recently, from the deploy feature's history (read through the backend's capabilities, late-bound:
 * the deploy feature fills them in after this one is created). Used by alerts ("last deploy 12 min ago: 8b71ff7
 * by ana"), the Overview's verdict and the Health screen's chart markers.
 */
import { type DeployMarker } from '../../shared/model/markers';
import { type RecentDeploy } from '../alerts/types';
import { type Capabilities } from '../features/types';
import { log } from '../log';

/** How far back "the last deploy" is looked for: older than this is not a recent change. */
const LOOKBACK_MS = 30 * 86_400_000;

/** The newest deploy or rollback of a service to an environment, within the last 30 days. */
export function lastDeploy(
  capabilities: Pick<Capabilities, 'deployMarkers'>,
  service: string,
  environment: string,
  now: number,
): RecentDeploy | undefined {
  let markers: DeployMarker[];
  try {
    markers = capabilities.deployMarkers({ service, environment, since: new Date(now - LOOKBACK_MS) });
  } catch (error) {
    log.error('[health] reading deploy markers failed:', error instanceof Error ? error.message : error);
    return undefined;
  }
  let newest: DeployMarker | undefined;
  for (const m of markers) {
    if (m.service !== service || m.environment !== environment) continue;
    // A drill's practice run is not a change the team made: the alert names the last real deploy.
    if (m.practice) continue;
    if (!newest || Date.parse(m.at) > Date.parse(newest.at)) newest = m;
  }
  if (!newest) return undefined;
  const at = Date.parse(newest.at);
  if (!Number.isFinite(at)) return undefined;
  return {
    at,
    release: newest.release,
    kind: newest.kind,
    ...(newest.actor ? { by: newest.actor } : {}),
  };
}

/** Deploy markers of one service × environment within [from, to], oldest first. */
export function markersBetween(
  capabilities: Pick<Capabilities, 'deployMarkers'>,
  service: string,
  environment: string,
  from: number,
  to: number,
): DeployMarker[] {
  try {
    return capabilities
      .deployMarkers({ service, environment, since: new Date(from) })
      .filter((m) => m.service === service && m.environment === environment)
      .filter((m) => {
        const at = Date.parse(m.at);
        return at >= from && at <= to;
      })
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  } catch (error) {
    log.error('[health] reading deploy markers failed:', error instanceof Error ? error.message : error);
    return [];
  }
}
