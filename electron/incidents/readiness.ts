/**
 * The incidents feature's part of the readiness scorecard: time to detect and time to recover tracked. They are
 * tracked when health checks watch production (an incident opens by itself when a service goes down there) and the
 * incidents of the last 90 days have both figures. Practice incidents (rollback drills) never count.
 *
 * incident-figures —
 *   red    no health check watches a production environment (protected, else named like prod): outages there
 *          open no incident, so nothing is measured;
 *   green  production is watched, and either no incident in 90 days ("no incident in 90 days") or the incidents
 *          of the last 90 days give a mean time to detect and to recover;
 *   amber  production is only partly watched, or incidents lack a figure (still open, or no alert was sent).
 */
import { type IncidentStats } from '../../shared/model/incidents';
import { type ReadinessItem } from '../../shared/model/readiness';
import { type Workspace } from '../../shared/workspace';
import { type FeatureContext, type ReadinessSource } from '../features/types';
import { count, item, listWords, productionEnvironments, runsIn } from '../features/readiness-items';
import { figureText } from './figures';

export interface ProductionWatch {
  environments: string[];
  /** Services of production with no check there. */
  unwatched: string[];
  /** Services of production with at least one check there. */
  watched: string[];
}

export function productionWatch(workspace: Workspace): ProductionWatch {
  const environments = productionEnvironments(workspace);
  const watched = new Set<string>();
  const unwatched = new Set<string>();
  for (const environment of environments) {
    for (const [service, config] of Object.entries(workspace.services)) {
      if (!runsIn(workspace, service, environment)) continue;
      const checks = config.health.filter((c) => c.environments === undefined || c.environments.includes(environment));
      (checks.length > 0 ? watched : unwatched).add(service);
    }
  }
  for (const service of watched) unwatched.delete(service);
  return { environments, watched: [...watched], unwatched: [...unwatched] };
}

export function incidentFiguresItem(watch: ProductionWatch, last90: IncidentStats): ReadinessItem {
  const fix = (label: string, route: 'health' | 'incidents', id: string | null) => ({ label, route, id });
  if (watch.watched.length === 0) {
    return item(
      'incident-figures',
      'red',
      watch.environments.length === 0
        ? 'No production environment is declared, so no outage opens an incident and nothing is measured.'
        : `No health check watches ${listWords(watch.environments)}: an outage there opens no incident, so time to detect and to recover are never measured.`,
      fix(
        `Add a health check to ${watch.unwatched[0] ?? 'a production service'}`,
        'health',
        watch.unwatched[0] ?? null,
      ),
    );
  }
  const partly = watch.unwatched.length > 0;
  const watching = partly
    ? `production is only partly watched (${listWords(watch.unwatched)} ${watch.unwatched.length === 1 ? 'has' : 'have'} no check there)`
    : 'production is watched';
  const partlyFix = fix(`Add a health check to ${watch.unwatched[0] ?? ''}`, 'health', watch.unwatched[0] ?? null);
  if (last90.incidents === 0) {
    return item('incident-figures', partly ? 'amber' : 'green', `No incident in 90 days; ${watching}.`, partlyFix);
  }
  const figures = `${count(last90.incidents, 'incident')} in 90 days: mean time to detect ${figureText(last90.mttdMs)}, to recover ${figureText(last90.mttrMs)}; ${watching}.`;
  if (last90.mttdMs === null || last90.mttrMs === null) {
    const lacking =
      last90.mttdMs === null ? 'No alert was sent, so detection is not measured.' : 'None has recovered yet.';
    return item('incident-figures', 'amber', `${figures} ${lacking}`, fix('Open the incidents', 'incidents', null));
  }
  return item('incident-figures', partly ? 'amber' : 'green', figures, partlyFix);
}

export function incidentsReadiness(
  context: Pick<FeatureContext, 'workspace'>,
  last90: () => IncidentStats,
): ReadinessSource {
  return () => {
    const workspace = context.workspace.current().workspace;
    return workspace ? [incidentFiguresItem(productionWatch(workspace), last90())] : [];
  };
}
