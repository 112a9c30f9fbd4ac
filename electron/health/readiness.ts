/**
 * The health feature's part of the readiness scorecard: whether every production service has a critical check, and
 * whether alerts reach a person. Evidence comes from the open workspace and the alert settings the Health screen
 * shows (Slack's webhook resolved from its reference, never sent anything): no check is run to answer.
 *
 * critical-checks — each service of each production environment (protected ones; else ones named like prod):
 *   green  every one has a critical check there;
 *   amber  some have none, but each of those is still watched by other (non-critical) checks, so a failure shows
 *          as degraded rather than down;
 *   red    a production service has no check at all, none has a critical check, or there is no production
 *          environment to hold checks to.
 *   Service names are the team's own: the rule never guesses "checkout/auth/webhooks/worker" from names.
 * alerts-reach-a-person — green: desktop notifications on and a Slack webhook that resolves now; amber: one of
 *   the two (or a Slack webhook that cannot be used now); red: neither. Quiet hours are named, since warnings wait.
 */
import { type AlertSettings } from '../../shared/model/health';
import { type ReadinessItem } from '../../shared/model/readiness';
import { type Workspace } from '../../shared/workspace';
import { alertSettings } from '../alerts/settings';
import { type AlertOverridesStore } from '../alerts/overrides';
import { type SecretSources } from '../alerts/secrets';
import { type Keychain } from '../alerts/types';
import { type FeatureContext, type ReadinessSource } from '../features/types';
import { type FlapPolicy } from './check-state';
import { item, listWords, productionEnvironments, runsIn } from '../features/readiness-items';

export interface CheckCoverage {
  environment: string;
  service: string;
  checks: number;
  critical: number;
}

/** Every service × production environment with how many checks (and critical ones) watch it there. */
export function checkCoverage(workspace: Workspace): CheckCoverage[] {
  return productionEnvironments(workspace).flatMap((environment) =>
    Object.entries(workspace.services)
      .filter(([service]) => runsIn(workspace, service, environment))
      .map(([service, config]) => {
        const there = config.health.filter((c) => c.environments === undefined || c.environments.includes(environment));
        return { environment, service, checks: there.length, critical: there.filter((c) => c.critical).length };
      }),
  );
}

const where = (c: CheckCoverage, several: boolean) => (several ? `${c.service} (${c.environment})` : c.service);

export function criticalChecksItem(coverage: readonly CheckCoverage[]): ReadinessItem {
  if (coverage.length === 0) {
    return item(
      'critical-checks',
      'red',
      'No production environment with services: nothing holds production to a critical check.',
      { label: 'Declare production and its services', route: 'health', id: null },
    );
  }
  const several = new Set(coverage.map((c) => c.environment)).size > 1;
  const missing = coverage.filter((c) => c.critical === 0);
  if (missing.length === 0) {
    return item(
      'critical-checks',
      'green',
      `Every production service has a critical check: ${listWords(coverage.map((c) => where(c, several)))}.`,
      null,
    );
  }
  const unwatched = missing.filter((c) => c.checks === 0);
  const status = unwatched.length > 0 || missing.length === coverage.length ? 'red' : 'amber';
  const first = unwatched[0] ?? missing[0];
  const parts = [
    `${listWords(missing.map((c) => where(c, several)))} ${missing.length === 1 ? 'has' : 'have'} no critical check in production`,
  ];
  if (unwatched.length > 0) {
    parts.push(
      `${listWords(unwatched.map((c) => where(c, several)))} ${unwatched.length === 1 ? 'has' : 'have'} no check at all`,
    );
  } else {
    parts.push('a failure there shows as degraded, never down');
  }
  return item('critical-checks', status, `${parts.join('; ')}.`, {
    label: `Add a critical check to ${first?.service ?? 'each production service'}`,
    route: 'health',
    id: first?.service ?? null,
  });
}

export function alertsItem(settings: Pick<AlertSettings, 'desktop' | 'slack' | 'quietHours'>): ReadinessItem {
  const slackReady = settings.slack?.ready === true;
  const quiet = settings.quietHours
    ? ` Quiet hours ${settings.quietHours}: warnings wait until they end, critical alerts do not.`
    : '';
  const slackWords = settings.slack
    ? slackReady
      ? `Slack${settings.slack.channel ? ` to ${settings.slack.channel}` : ''}`
      : `Slack cannot send (${settings.slack.problem ?? 'its webhook does not resolve'})`
    : 'no Slack webhook';
  const desktopWords = settings.desktop ? 'Desktop notifications on' : 'Desktop notifications off';
  const evidence = `${desktopWords}; ${slackWords}.${quiet}`;
  if (settings.desktop && slackReady) return item('alerts-reach-a-person', 'green', evidence, null);
  const fix = !slackReady
    ? settings.slack
      ? { label: `Make ${settings.slack.reference} resolve to the Slack webhook`, route: 'health' as const, id: null }
      : { label: 'Add a Slack webhook under alerts: in the workspace', route: 'health' as const, id: null }
    : { label: 'Turn desktop notifications on (alerts: desktop: true)', route: 'health' as const, id: null };
  return item('alerts-reach-a-person', settings.desktop || slackReady ? 'amber' : 'red', evidence, fix);
}

export interface HealthReadinessDeps {
  env: SecretSources['env'];
  keychain: Keychain;
  overrides: AlertOverridesStore;
  flap: () => FlapPolicy;
}

export function healthReadiness(context: FeatureContext, deps: HealthReadinessDeps): ReadinessSource {
  return async () => {
    const workspace = context.workspace.current().workspace;
    if (!workspace) return [];
    const settings = await alertSettings(
      workspace.alerts,
      { env: deps.env, keychain: deps.keychain },
      deps.flap(),
      context.now().getTime(),
      deps.overrides.get(),
    );
    return [criticalChecksItem(checkCoverage(workspace)), alertsItem(settings)];
  };
}
