/**
 * Turns a runbook of the workspace into engine steps for one environment: `run` on the service's hosts there
 * (each in turn, or the first only), `confirm` once, `gate` once for the whole service. Placeholders are filled
 * and quoted here, before anything runs, so a `${name}` nobody defined stops the runbook with its name instead of
 * reaching a shell as an empty word.
 */
import { type RunbookStepView } from '../../shared/model/runbooks';
import { CockpitError } from '../../shared/rpc';
import { type RunbookConfig, type RunbookStepConfig, type Workspace } from '../../shared/workspace';
import { fillPlaceholders } from '../remote/quote';
import { type Step } from './types';

/** How long a gate waits when the runbook does not say: long enough for a restart, short enough at 10 PM. */
export const DEFAULT_RUNBOOK_GATE_TIMEOUT_MS = 120_000;

/** One step of the runbook with where it runs: `host` null for a confirm or a gate (once, for the service). */
export interface PlannedRun {
  host: string | null;
  step: Step;
}

export interface PlannedStep {
  /** 1-based, as people count steps. */
  index: number;
  view: RunbookStepView;
  runs: PlannedRun[];
}

export interface RunbookPlan {
  runbook: RunbookConfig;
  environment: string;
  protected: boolean;
  hosts: string[];
  steps: PlannedStep[];
}

/** The environments a runbook may run in: its own list, else every one its service runs in. */
export function runbookEnvironments(workspace: Workspace, runbook: RunbookConfig): string[] {
  const service = workspace.services[runbook.service];
  const serviceEnvs = service?.environments ?? Object.keys(workspace.environments);
  return (runbook.environments ?? serviceEnvs).filter((env) => workspace.environments[env] !== undefined);
}

/** The `${name}` placeholders of a command, as the engine reads them (an escaped `\${x}` is not one). */
export function placeholdersOf(command: string): string[] {
  const found: string[] = [];
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < command.length; i++) {
    const char = command.charAt(i);
    if (quote !== "'" && char === '\\') {
      i++;
      continue;
    }
    if (char === '$') {
      const match = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/.exec(command.slice(i));
      if (match?.[1]) {
        found.push(match[1]);
        i += match[0].length - 1;
        continue;
      }
    }
    if (quote === null && (char === "'" || char === '"')) quote = char;
    else if (char === quote) quote = null;
  }
  return found;
}

/** The names a runbook's commands may use in an environment: its vars, then service, environment, env, host. */
export function placeholderNames(workspace: Workspace, environment: string): string[] {
  const vars = workspace.environments[environment]?.vars ?? {};
  return [...Object.keys(vars), 'service', 'environment', 'env', 'host'];
}

function valuesFor(workspace: Workspace, runbook: RunbookConfig, environment: string, host: string) {
  const vars = workspace.environments[environment]?.vars ?? {};
  return { ...vars, service: runbook.service, environment, env: environment, host };
}

/** The checks a gate waits for: those named, else the service's critical ones there, else all of them there. */
export function gateChecks(workspace: Workspace, runbook: RunbookConfig, environment: string, named: string[]) {
  if (named.length > 0) return named;
  const here = (workspace.services[runbook.service]?.health ?? []).filter(
    (check) => !check.environments || check.environments.includes(environment),
  );
  const critical = here.filter((check) => check.critical);
  return (critical.length > 0 ? critical : here).map((check) => check.id);
}

function shortCommand(command: string): string {
  const line = command.split('\n')[0] ?? command;
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

function stepTitle(config: RunbookStepConfig, checks: string[]): string {
  if ('run' in config) return config.title ?? `Run ${shortCommand(config.run)}`;
  if ('confirm' in config) return 'Confirm';
  return config.title ?? `Health gate: ${checks.join(', ')}`;
}

/**
 * The runbook's steps as they will run in `environment`. Throws a CockpitError the person can act on when the
 * runbook cannot run there: an environment it does not run in, no hosts, a gate with no check, an unknown
 * placeholder (named with its step). `strict: false` (the Runbooks screen's preview) leaves an unknown placeholder
 * as written instead; `cockpit validate` reports it too.
 */
export function planRunbook(
  workspace: Workspace,
  runbook: RunbookConfig,
  environment: string,
  options: { strict?: boolean; gateIntervalMs?: number } = {},
): RunbookPlan {
  const strict = options.strict ?? true;
  const allowed = runbookEnvironments(workspace, runbook);
  const env = workspace.environments[environment];
  if (!env) {
    throw new CockpitError(
      'NOT_FOUND',
      `There is no environment "${environment}" in ${workspace.name}: "${runbook.title}" runs in ${allowed.join(', ') || 'no environment'}.`,
    );
  }
  if (!allowed.includes(environment)) {
    throw new CockpitError(
      'BAD_REQUEST',
      `"${runbook.title}" does not run in ${environment}: choose ${allowed.join(' or ') || 'an environment its service runs in'}.`,
    );
  }
  const hosts = [...env.hosts];
  const needsHosts = runbook.steps.some((s) => 'run' in s);
  if (needsHosts && hosts.length === 0) {
    throw new CockpitError(
      'BAD_REQUEST',
      `${environment} has no hosts, so "${runbook.title}" has nowhere to run: add hosts to environments.${environment}.hosts.`,
    );
  }
  const known = new Set(placeholderNames(workspace, environment));
  const steps = runbook.steps.map((config, i): PlannedStep => {
    const index = i + 1;
    const id = `step-${index}`;
    if ('run' in config) {
      const unknown = [...new Set(placeholdersOf(config.run).filter((name) => !known.has(name)))];
      if (strict && unknown.length > 0) {
        const names = unknown.map((n) => `\${${n}}`).join(', ');
        throw new CockpitError(
          'INVALID_WORKSPACE',
          `Step ${index} of "${runbook.title}" uses ${names}, which ${environment} does not define, so nothing was run. Add ${unknown.join(', ')} under environments.${environment}.vars in cockpit.yaml, or write $${unknown[0]} (no braces) for a shell variable.`,
          { step: index, placeholders: unknown },
        );
      }
      const on = config.on === 'first' ? hosts.slice(0, 1) : hosts;
      const title = stepTitle(config, []);
      const runs = on.map((host) => ({
        host,
        step: {
          kind: 'run' as const,
          id,
          title,
          command: fillPlaceholders(config.run, valuesFor(workspace, runbook, environment, host)),
          ...(config.timeout !== undefined ? { timeoutMs: config.timeout } : {}),
          ...(config.ok ? { okExitCodes: config.ok } : {}),
        },
      }));
      const commands = [...new Set(runs.map((r) => r.step.command))];
      const text =
        commands.length <= 1 ? (commands[0] ?? config.run) : runs.map((r) => `${r.host}: ${r.step.command}`).join('\n');
      return { index, view: { index, kind: 'run', title, text, hosts: on }, runs };
    }
    if ('confirm' in config) {
      const step: Step = { kind: 'confirm', id, title: 'Confirm', prompt: config.confirm };
      return {
        index,
        view: { index, kind: 'confirm', title: 'Confirm', text: config.confirm, hosts: [] },
        runs: [{ host: null, step }],
      };
    }
    const checks = gateChecks(workspace, runbook, environment, config.gate);
    if (strict && checks.length === 0) {
      throw new CockpitError(
        'INVALID_WORKSPACE',
        `Step ${index} of "${runbook.title}" is a health gate, but ${runbook.service} has no health check in ${environment} to wait for: add one under services.${runbook.service}.health, or remove the gate.`,
      );
    }
    const title = stepTitle(config, checks);
    const step: Step = {
      kind: 'health-gate',
      id,
      title,
      target: { service: runbook.service, environment, host: null },
      checks,
      timeoutMs: config.timeout ?? DEFAULT_RUNBOOK_GATE_TIMEOUT_MS,
      ...(options.gateIntervalMs !== undefined ? { intervalMs: options.gateIntervalMs } : {}),
    };
    return {
      index,
      view: { index, kind: 'gate', title, text: checks.join(', '), hosts: [] },
      runs: [{ host: null, step }],
    };
  });
  return { runbook, environment, protected: env.protected === true, hosts, steps };
}
