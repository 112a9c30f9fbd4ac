/**
 * Checks the schema cannot express: names that must refer to something defined elsewhere in the file (an
 * environment's hosts, a deploy gate's health checks, a drill's host, a rollback drill's environment and checks, a
 * runbook's service, environments, checks and placeholders) and ids that must be unique within a service.
 * Each issue points at the offending value and names what does exist.
 */
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { type RollbackDrillConfig, type ServiceConfig, type Workspace } from '../../shared/workspace';
import { placeholderNames, placeholdersOf, runbookEnvironments } from '../runbooks/steps-from-config';
import { LIMITS } from './limits';
import { type FieldPath, type Locator } from './locate';
import { quotedPlaceholders } from './placeholders';
import { closest } from './suggest';

/** Past LIMITS.issues the rest are counted, not described (each suggestion compares with every known name). */
export function checkReferences(workspace: Workspace, locator: Locator): { issues: WorkspaceIssue[]; omitted: number } {
  const issues: WorkspaceIssue[] = [];
  let omitted = 0;
  const hosts = Object.keys(workspace.hosts);
  const environments = Object.keys(workspace.environments);
  const sets = new Map<string[], Set<string>>();
  const has = (known: string[], name: string) => {
    let set = sets.get(known);
    if (!set) sets.set(known, (set = new Set(known)));
    return set.has(name);
  };
  const full = () => {
    if (issues.length < LIMITS.issues) return false;
    omitted += 1;
    return true;
  };

  const dangling = (path: FieldPath, name: string, what: string, known: string[], where: string) => {
    if (has(known, name) || full()) return;
    const suggestion = closest(name, known);
    issues.push(
      locator.issue(path, {
        message: `unknown ${what} "${name}"${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
        expected:
          known.length > 0
            ? `${article(what)} ${what} defined under ${where}: ${[...new Set(known)].join(', ')}`
            : `${article(what)} ${what} defined under ${where} (there are none yet)`,
      }),
    );
  };
  const host = (path: FieldPath, name: string) => dangling(path, name, 'host', hosts, 'hosts');
  const environment = (path: FieldPath, name: string) =>
    dangling(path, name, 'environment', environments, 'environments');

  for (const [envName, env] of Object.entries(workspace.environments)) {
    env.hosts.forEach((name, i) => host(['environments', envName, 'hosts', i], name));
  }

  for (const [serviceName, service] of Object.entries(workspace.services)) {
    const base = ['services', serviceName] as const;
    service.environments?.forEach((name, i) => environment([...base, 'environments', i], name));

    const checkIds = service.health.map((check) => check.id);
    unique(
      service.health.map((check) => check.id),
      (i, firstIndex) =>
        full() ||
        issues.push(
          locator.issue([...base, 'health', i, 'id'], {
            message: `duplicate health check id "${checkIds[i]}" in service ${serviceName} (first used on line ${locator.lineOf([...base, 'health', firstIndex, 'id'])})`,
            expected: 'an id unique within the service',
          }),
        ),
    );
    service.health.forEach((check, i) =>
      check.environments?.forEach((name, j) => environment([...base, 'health', i, 'environments', j], name)),
    );

    service.deploy?.gate.forEach((id, i) =>
      dangling([...base, 'deploy', 'gate', i], id, 'health check', checkIds, `services.${serviceName}.health`),
    );
    // A gate check limited to some environments would fail every deploy to the others ("no check … in …").
    const deploysTo = (service.environments ?? environments).filter((env) => has(environments, env));
    service.deploy?.gate.forEach((id, i) => {
      const index = service.health.findIndex((check) => check.id === id);
      const limited = service.health[index]?.environments;
      if (!limited) return;
      const missing = deploysTo.filter((env) => !limited.includes(env));
      if (missing.length === 0 || full()) return;
      const envs = `${missing.length === 1 ? 'environment' : 'environments'} ${missing.join(', ')}`;
      issues.push(
        locator.issue([...base, 'deploy', 'gate', i], {
          message: `gate check "${id}" does not run in ${envs}, where service ${serviceName} deploys: every deploy there would fail its gate`,
          expected: `${missing.map((env) => `"${env}"`).join(' and ')} under services.${serviceName}.health.${index}.environments (line ${locator.lineOf([...base, 'health', index, 'environments'])}), or a gate without "${id}"`,
        }),
      );
    });

    unique(
      service.backups.map((backup) => backup.id),
      (i, firstIndex) =>
        full() ||
        issues.push(
          locator.issue([...base, 'backups', i, 'id'], {
            message: `duplicate backup id "${service.backups[i]?.id}" in service ${serviceName} (first used on line ${locator.lineOf([...base, 'backups', firstIndex, 'id'])})`,
            expected: 'an id unique within the service',
          }),
        ),
    );
    service.backups.forEach((backup, i) => {
      if ('host' in backup.source && backup.source.host)
        host([...base, 'backups', i, 'source', 'host'], backup.source.host);
      if (backup.drill) host([...base, 'backups', i, 'drill', 'host'], backup.drill.host);
    });

    if (service.drill) {
      checkRollbackDrill(service.drill, {
        base,
        serviceName,
        checkIds,
        health: service.health,
        hasDeploy: service.deploy !== undefined,
        allEnvironments: environments,
        runsIn: deploysTo,
        environment,
        dangling,
        push: (issue) => full() || issues.push(issue),
        locator,
      });
    }
  }
  checkRunbooks(workspace, {
    environments,
    dangling,
    environment,
    push: (issue) => full() || issues.push(issue),
    locator,
  });
  return { issues, omitted };
}

interface RunbooksContext {
  environments: string[];
  dangling: (path: FieldPath, name: string, what: string, known: string[], where: string) => void;
  environment: (path: FieldPath, name: string) => void;
  push: (issue: WorkspaceIssue) => unknown;
  locator: Locator;
}

/**
 * A runbook runs on its service's hosts and waits for its service's checks: each name must be one of the
 * service's, each environment one it runs in, and each `${placeholder}` of a command defined wherever it may run
 * (the engine refuses an unknown one before anything runs; better to hear it from `validate`).
 */
function checkRunbooks(workspace: Workspace, ctx: RunbooksContext): void {
  const { locator } = ctx;
  const services = Object.keys(workspace.services);
  unique(
    workspace.runbooks.map((r) => r.id),
    (i, firstIndex) =>
      ctx.push(
        locator.issue(['runbooks', i, 'id'], {
          message: `duplicate runbook id "${workspace.runbooks[i]?.id}" (first used on line ${locator.lineOf(['runbooks', firstIndex, 'id'])})`,
          expected: 'an id unique among the runbooks',
        }),
      ),
  );
  workspace.runbooks.forEach((runbook, i) => {
    const base = ['runbooks', i] as const;
    const service = workspace.services[runbook.service];
    ctx.dangling([...base, 'service'], runbook.service, 'service', services, 'services');
    if (!service) return;
    const checkIds = service.health.map((check) => check.id);
    const where = `services.${runbook.service}.health`;
    const runsIn = (service.environments ?? ctx.environments).filter((env) => ctx.environments.includes(env));
    runbook.environments?.forEach((env, j) => {
      ctx.environment([...base, 'environments', j], env);
      if (!ctx.environments.includes(env) || runsIn.includes(env)) return;
      ctx.push(
        locator.issue([...base, 'environments', j], {
          message: `service ${runbook.service} does not run in environment "${env}": the runbook would have no hosts there`,
          expected: `an environment service ${runbook.service} runs in: ${runsIn.join(', ') || 'none (see its environments)'}`,
        }),
      );
    });
    runbook.for.forEach((id, j) => ctx.dangling([...base, 'for', j], id, 'health check', checkIds, where));
    const mayRunIn = runbookEnvironments(workspace, runbook);
    runbook.steps.forEach((step, k) => {
      if ('gate' in step) {
        step.gate.forEach((id, j) =>
          ctx.dangling([...base, 'steps', k, 'gate', j], id, 'health check', checkIds, where),
        );
      }
      if (!('run' in step)) return;
      const quoted = quotedPlaceholders(step.run);
      if (quoted.length > 0) {
        ctx.push(
          locator.issue([...base, 'steps', k, 'run'], {
            message: `${[...new Set(quoted)].join(', ')} is quoted in the command; the engine quotes placeholders itself, and quoting them again would let their value run as shell code`,
            expected: `the placeholder without quotes around it, e.g. ${quoted[0] ?? '${host}'}`,
          }),
        );
      }
      const used = [...new Set(placeholdersOf(step.run))];
      for (const env of mayRunIn) {
        const known = new Set(placeholderNames(workspace, env));
        const unknown = used.filter((name) => !known.has(name));
        if (unknown.length === 0) continue;
        ctx.push(
          locator.issue([...base, 'steps', k, 'run'], {
            message: `\${${unknown[0]}} is not defined in environment ${env}, where runbook ${runbook.id} may run: the runbook would stop before running anything`,
            expected: `${unknown.join(', ')} under environments.${env}.vars, one of service, environment, env, host, or $${unknown[0]} (no braces) for a shell variable`,
          }),
        );
        break;
      }
    });
  });
}

interface DrillContext {
  base: FieldPath;
  serviceName: string;
  checkIds: string[];
  health: ServiceConfig['health'];
  hasDeploy: boolean;
  allEnvironments: string[];
  /** The environments the service runs in that exist. */
  runsIn: string[];
  environment: (path: FieldPath, name: string) => void;
  dangling: (path: FieldPath, name: string, what: string, known: string[], where: string) => void;
  /** Records an issue (or counts it past the limit). */
  push: (issue: WorkspaceIssue) => unknown;
  locator: Locator;
}

/**
 * A rollback drill practises in one environment of its service, watches the service's own checks there, and
 * breaks the service with one of its releases: each name must point at something that makes that possible.
 */
function checkRollbackDrill(drill: RollbackDrillConfig, ctx: DrillContext): void {
  const path = [...ctx.base, 'drill'] as const;
  const { serviceName, locator } = ctx;
  const env = drill.environment;
  if (env !== undefined) {
    // An environment that does not exist at all is reported as unknown; one that exists but not for this service here.
    ctx.environment([...path, 'environment'], env);
    if (ctx.allEnvironments.includes(env) && !ctx.runsIn.includes(env)) {
      ctx.push(
        locator.issue([...path, 'environment'], {
          message: `service ${serviceName} does not run in environment "${env}": the drill would have no hosts to practise on`,
          expected: `an environment service ${serviceName} runs in: ${ctx.runsIn.join(', ') || 'none (see its environments)'}`,
        }),
      );
    }
  }
  drill.watch?.forEach((id, i) =>
    ctx.dangling([...path, 'watch', i], id, 'health check', ctx.checkIds, `services.${serviceName}.health`),
  );
  // A watched check that does not run where the drill practises could never notice the failure.
  if (env !== undefined && ctx.runsIn.includes(env)) {
    drill.watch?.forEach((id, i) => {
      const limited = ctx.health.find((check) => check.id === id)?.environments;
      if (!limited || limited.includes(env)) return;
      ctx.push(
        locator.issue([...path, 'watch', i], {
          message: `watched check "${id}" does not run in environment ${env}, where the drill practises: it could never notice the failure`,
          expected: `"${env}" under the check's environments, or a check that runs in ${env}`,
        }),
      );
    });
  }
  if (drill.breakRelease !== undefined && !ctx.hasDeploy) {
    ctx.push(
      locator.issue([...path, 'breakRelease'], {
        message: `breakRelease "${drill.breakRelease}" needs a way to deploy it, and service ${serviceName} has no "deploy:"`,
        expected: `a "deploy:" section under services.${serviceName} (the drill deploys the broken release with it and rolls back with it), or "break:" with "heal:" commands instead`,
      }),
    );
  }
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** Calls back for every index whose value appeared earlier, with the index of its first appearance. */
function unique(values: readonly string[], onDuplicate: (index: number, firstIndex: number) => void) {
  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else onDuplicate(index, first);
  });
}
