/**
 * `cockpit drill rollback SERVICE`: the Drills screen's guided rollback drill in a terminal, through the same
 * backend calls as the wizard. The preflight is printed item by item and a failed one changes nothing; then the
 * failure is injected and the live log streams; when the service's own checks notice it, the person presses Enter
 * ("Roll back now") — or `--act-at-detection` acts at once; Ctrl-C cancels like the Cancel button (a healthy
 * release is restored). At the end: the measures against the team's targets and what to improve.
 */
import { createInterface } from 'node:readline';
import { type DrillPlan, type RollbackDrill } from '../../shared/model/drills';
import { type RunEvent } from '../../shared/model/deploys';
import { CockpitError } from '../../shared/rpc';
import { type Handlers } from '../api/dispatch';
import { type Backend } from '../backend';
import { createLiveLog } from '../deploys/cli-text';
import { isHealthFeature } from '../health/feature';
import { humanDuration } from '../health/words';
import { UsageError, backendOptionsOf } from './args';
import { type CliBackendOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';

export const rollbackDrillUsage = `       cockpit drill rollback SERVICE [--env ENV] [--confirm ENV] [--act-at-detection] [--json] [options]`;

export const rollbackDrillHelp = `rollback Runs the service's guided rollback drill (its \`drill:\` in the workspace): preflight (a failed
         item stops it and changes nothing) → inject the failure (the broken release, or its break: command) →
         the service's own checks notice it → you press Enter: "Roll back now" (--act-at-detection presses it
         at once) → verify → the report: time to detect, to alert, to act and to recover against the targets,
         and what to improve. Ctrl-C cancels (a healthy release is restored). Exit 0 only when it passed.`;

export const rollbackDrillOptionHelp = `  --env ENV          rollback: where the drill practises (default: the drill's environment)
  --act-at-detection rollback: press "Roll back now" as soon as the failure is detected (for scripts and CI)`;

/** The options only `drill rollback` reads, for util.parseArgs. */
export const rollbackDrillOptions = {
  env: { type: 'string' },
  'act-at-detection': { type: 'boolean' },
} as const;

type DrillMethod =
  'drills.preflight' | 'drills.start' | 'drills.act' | 'drills.cancel' | 'drills.get' | 'drills.report';

/** What the command needs of a backend: the drill calls, its events, and the demo's sandboxes. */
export interface DrillBackend {
  handlers: Pick<Handlers, DrillMethod>;
  events: Pick<Backend['events'], 'subscribe'>;
  /** Starts the demo's sandbox services when the demo is the workspace (the checks need something to answer). */
  startDemo(): Promise<void>;
  /**
   * Has the scheduler watch a service's checks in an environment (this backend watches nothing by itself) and
   * waits for their first verdict, so the preflight can tell whether the service is healthy.
   */
  checkNow(service: string, environment: string): Promise<void>;
}

/** The person at the other end: a line typed on stdin, and whether stdin is a terminal. */
export interface DrillTerminal {
  isTTY: boolean;
  /** The next line on stdin; null when stdin ended first. */
  nextLine(): Promise<string | null>;
  /** Ctrl-C while a line is being read (a terminal's readline takes the key for itself). */
  onInterrupt(listener: () => void): void;
  close(): void;
}

export interface RollbackDrillDeps {
  open<T>(options: CliBackendOptions, run: (backend: DrillBackend) => Promise<T>): Promise<T>;
  terminal(): DrillTerminal;
}

export interface RollbackDrillArgs {
  positionals: string[];
  values: {
    env?: string;
    confirm?: string;
    'act-at-detection'?: boolean;
    json?: boolean;
    workspace?: string;
    demo?: boolean;
    'data-dir'?: string;
  };
}

/** The real backend, with the demo's sandboxes started like `cockpit status --demo` does. */
function openBackend<T>(options: CliBackendOptions, run: (backend: DrillBackend) => Promise<T>): Promise<T> {
  return withBackend(options, async (backend) => {
    const stops: (() => void)[] = [];
    try {
      return await run(drillBackend(backend, stops));
    } finally {
      for (const stop of stops) stop();
    }
  });
}

/** How long the first verdict of a service's checks may take: each check's interval and timeout, retries included. */
function firstVerdictWithin(checks: readonly { everyMs: number; timeoutMs: number; retries: number }[]): number {
  const longest = Math.max(0, ...checks.map((c) => (c.everyMs + c.timeoutMs) * (c.retries + 1)));
  return Math.min(longest + 2_000, 5 * 60_000);
}

function drillBackend(backend: Backend, stops: (() => void)[]): DrillBackend {
  const capabilities = backend.context.capabilities;
  return {
    handlers: backend.handlers,
    events: backend.events,
    startDemo: async () => {
      const health = backend.features.health;
      if (backend.workspace.current().loadedFrom?.kind === 'demo' && isHealthFeature(health)) await health.startDemo();
    },
    checkNow: async (service, environment) => {
      // Watched until the command ends: the drill's own watch takes over once it starts.
      stops.push(capabilities.watchHealth(service, environment));
      const deadline = Date.now() + firstVerdictWithin(capabilities.healthOf(service, environment).checks);
      while (Date.now() < deadline) {
        const { checks } = capabilities.healthOf(service, environment);
        if (checks.length > 0 && checks.every((c) => c.status !== 'unknown')) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
  };
}

function processTerminal(): DrillTerminal {
  let rl: ReturnType<typeof createInterface> | null = null;
  let interrupt: () => void = () => {};
  const open = () => {
    if (rl) return rl;
    rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY === true });
    rl.on('SIGINT', () => interrupt());
    return rl;
  };
  return {
    isTTY: process.stdin.isTTY === true,
    nextLine: () =>
      new Promise((resolve) => {
        const reader = open();
        const onLine = (line: string) => {
          reader.off('close', onClose);
          resolve(line);
        };
        const onClose = () => {
          reader.off('line', onLine);
          resolve(null);
        };
        reader.once('line', onLine);
        reader.once('close', onClose);
      }),
    onInterrupt: (listener) => {
      interrupt = listener;
    },
    close: () => {
      rl?.close();
      rl = null;
    },
  };
}

const defaultDeps: RollbackDrillDeps = { open: openBackend, terminal: processTerminal };

const checkTiming = (plan: DrillPlan) =>
  plan.watch
    .map(
      (c) => `${c.checkId} (every ${humanDuration(c.everyMs)}, retries ${c.retries}${c.critical ? ', critical' : ''})`,
    )
    .join(', ') || 'none';

/** The plan and its preflight, as the wizard's first step shows them. */
export function planText(plan: DrillPlan): string {
  const how =
    plan.method === 'release'
      ? `deploys the broken release ${plan.breakRelease ?? '?'}`
      : `runs \`${plan.breakCommand ?? '?'}\` (healed by \`${plan.healCommand ?? '?'}\`)`;
  const lines = [
    `Rollback drill of ${plan.service} on ${plan.environment}${plan.protected ? ' (protected)' : ''}: ${how} on ${plan.hosts.join(', ') || 'no hosts'}.`,
    `  watches ${checkTiming(plan)}; ${plan.passes} passes in a row prove recovery`,
    `  targets: detect within ${humanDuration(plan.targets.detectMs)}, recover within ${humanDuration(plan.targets.recoverMs)}`,
    'Preflight:',
    ...plan.items.map((item) => `  ${item.ok ? '✓' : '✗'} ${item.detail}`),
  ];
  return lines.join('\n');
}

const measureMark = (met: boolean | null) => (met === true ? '✓' : met === false ? '✗' : ' ');

/** The report at the end: the verdict, each measure against its target, what to improve, where hosts stand. */
export function drillReportText(drill: RollbackDrill): string {
  const verdict = {
    running: '… Drill still running',
    passed: '✓ Drill passed',
    'missed-target': '! Drill recovered, but missed a target',
    failed: '✗ Drill failed',
    cancelled: '■ Drill cancelled',
  }[drill.status];
  const lines = ['', `${verdict}: ${drill.service} on ${drill.environment} (drill ${drill.id})`];
  if (drill.summary) lines.push(`  ${drill.summary}`);
  for (const m of drill.measures) {
    const value = m.ms === null ? 'not measured' : humanDuration(m.ms);
    const target = m.targetMs === null ? '' : ` (target ${humanDuration(m.targetMs)})`;
    lines.push(`  ${measureMark(m.met)} ${m.label.padEnd(16)} ${value}${target} — ${m.span}`);
  }
  for (const phase of drill.phases) {
    if (phase.overheadMs === null) continue;
    lines.push(`    ${phase.title}: the cockpit's own time ${humanDuration(phase.overheadMs)}`);
  }
  if (drill.improvements.length > 0) {
    lines.push('What to improve:');
    for (const i of drill.improvements) lines.push(`  ${i.severity === 'fix' ? '✗' : '•'} ${i.line} (${i.evidence})`);
  }
  if (drill.hosts.length > 0) {
    lines.push('Hosts:');
    for (const h of drill.hosts) {
      lines.push(
        `  ${h.onReturnRelease ? '✓' : '✗'} ${h.host} runs ${h.release ?? 'no release'}${h.onReturnRelease ? '' : ' (not the release the drill returns to)'}`,
      );
    }
  }
  lines.push(`  Report: cockpit drill report ${drill.id} --out rollback-drill.md`);
  return lines.join('\n');
}

/** Runs the drill from the command line; answers the exit status. */
export async function rollbackDrill(
  args: RollbackDrillArgs,
  io: CliIO,
  deps: RollbackDrillDeps = defaultDeps,
): Promise<number> {
  const service = args.positionals[0];
  if (!service) throw new UsageError('say which service: cockpit drill rollback SERVICE [--env ENV]');
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
  const v = args.values;
  const json = v.json === true;
  const actAtDetection = v['act-at-detection'] === true;
  return deps.open({ ...backendOptionsOf(v), io }, async (backend) => {
    await backend.startDemo();
    const where = { service, ...(v.env !== undefined ? { environment: v.env } : {}) };
    let plan = await backend.handlers['drills.preflight'](where);
    // Nothing has checked the service in this backend yet: a health not known (or stale) is checked once, now.
    if (plan.items.some((i) => i.id === 'health-green' && !i.ok)) {
      await backend.checkNow(service, plan.environment);
      plan = await backend.handlers['drills.preflight']({ ...where, environment: plan.environment });
    }
    if (!json) io.stdout(planText(plan));
    const confirmation = plan.protected ? await confirm(plan, v.confirm, deps, io) : undefined;
    if (!plan.ready) {
      // Only the protection item may be answered by a typed name; anything else stops the drill here.
      const blocking = plan.items.filter((i) => !i.ok && !(i.id === 'environment' && confirmation !== undefined));
      if (blocking.length > 0) {
        if (json) io.stdout(JSON.stringify({ plan }, null, 2));
        io.stderr(
          `cockpit drill: the rollback drill of ${service} on ${plan.environment} is not ready; nothing was changed. Fix what is marked ✗ above and run it again.`,
        );
        return EXIT.failed;
      }
    }
    return follow(backend, io, deps.terminal(), { json, actAtDetection, plan }, () =>
      Promise.resolve(
        backend.handlers['drills.start']({
          ...where,
          environment: plan.environment,
          ...(confirmation !== undefined ? { confirmation } : {}),
        }),
      ),
    );
  });
}

/** The typed name of a protected environment: --confirm, else asked on a terminal, else refused. */
async function confirm(
  plan: DrillPlan,
  given: string | undefined,
  deps: RollbackDrillDeps,
  io: CliIO,
): Promise<string> {
  if (given !== undefined) return given;
  const terminal = deps.terminal();
  if (!terminal.isTTY) {
    throw new CockpitError(
      'FORBIDDEN',
      `${plan.environment} is protected: a drill there breaks it on purpose. Pass --confirm ${plan.environment} if that is what you want.`,
    );
  }
  try {
    io.stderr(`${plan.environment} is protected. Type its name to break it on purpose for the drill:`);
    return ((await terminal.nextLine()) ?? '').trim();
  } finally {
    terminal.close();
  }
}

interface FollowOptions {
  json: boolean;
  actAtDetection: boolean;
  plan: DrillPlan;
}

/** Starts the drill, prints its live log, asks for "Roll back now" when it waits, and prints the report. */
async function follow(
  backend: DrillBackend,
  io: CliIO,
  terminal: DrillTerminal,
  options: FollowOptions,
  start: () => Promise<{ drillId: string }>,
): Promise<number> {
  const write = createLiveLog((line) => io.stdout(line));
  const action = options.plan.method === 'release' ? 'roll back now' : 'heal now';
  let drillId: string | null = null;
  let latest: RollbackDrill | null = null;
  let asked = false;
  let ended = false;
  let wake: () => void = () => {};
  const changed = (drill: RollbackDrill) => {
    latest = drill;
    if (drill.status !== 'running') ended = true;
    else if (drill.waitingForAction && !asked && !drill.cancelling) {
      asked = true;
      void askToAct(drill.id);
    }
    wake();
  };
  const act = (id: string) =>
    Promise.resolve(backend.handlers['drills.act']({ drillId: id })).catch((error: unknown) => {
      io.stderr(`cockpit drill: could not ${action}: ${(error as Error).message}`);
    });
  const askToAct = async (id: string) => {
    if (options.actAtDetection) {
      io.stderr(`Detected. Pressing "${action}" at once (--act-at-detection).`);
      return act(id);
    }
    io.stderr(
      terminal.isTTY
        ? `Detected. Press Enter to ${action} (Ctrl-C cancels the drill).`
        : `Detected. Waiting for Enter on stdin to ${action}; pass --act-at-detection to act at once without a terminal.`,
    );
    const line = await terminal.nextLine();
    if (ended) return;
    if (line === null) {
      io.stderr(`stdin ended before Enter: cancelling the drill (a healthy release is restored).`);
      return cancel();
    }
    return act(id);
  };
  const unsubscribe = backend.events.subscribe((m) => {
    if (m.event === 'drills.changed') {
      const drill = m.payload as RollbackDrill;
      if (drillId === null || drill.id === drillId) changed(drill);
      return;
    }
    if (m.event !== 'drills.run') return;
    const event = m.payload as RunEvent;
    // Before the id is known only this drill can be starting in this process.
    if (drillId !== null && event.runId !== drillId) return;
    if (!options.json) write(event);
  });
  let signalled = false;
  const cancel = () => {
    if (drillId) void Promise.resolve(backend.handlers['drills.cancel']({ drillId })).catch(() => {});
  };
  // Ctrl-C or TERM cancels like the Cancel button and waits for a healthy release; a second one quits at once.
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(signal === 'SIGINT' ? 130 : 143);
    signalled = true;
    io.stderr('Cancelling the drill… (a healthy release is restored; press Ctrl-C again to quit at once)');
    cancel();
  };
  terminal.onInterrupt(() => onSignal('SIGINT'));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    drillId = (await start()).drillId;
    const id = drillId;
    if (signalled) cancel();
    // Events of another drill may have arrived before the id: keep only this one's.
    const seen = latest as RollbackDrill | null;
    if (seen !== null && seen.id !== id) {
      latest = null;
      ended = false;
    }
    if (latest === null) changed((await backend.handlers['drills.get']({ drillId: id })).drill);
    while (!ended) await new Promise<void>((resolve) => (wake = resolve));
    const { drill, log } = await backend.handlers['drills.get']({ drillId: id });
    if (options.json) io.stdout(JSON.stringify({ drill, log }, null, 2));
    else io.stdout(drillReportText(drill));
    return drill.status === 'passed' ? EXIT.ok : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    unsubscribe();
    terminal.close();
  }
}
