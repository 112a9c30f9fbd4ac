/**
 * The demo's running parts: while the built-in demo workspace is open, one sandbox process per service ×
 * environment on 127.0.0.1 (plan.ts says which, on which port, reading which releases). `sync()` follows the
 * workspace: it starts what the demo declares, keeps what is unchanged, and stops everything when another
 * workspace opens; `stop()` ends it all. A port already taken never crashes anything: the app reports it (and
 * tries again every few seconds, since it frees when the other program ends); the CLI, which only looks, uses
 * a sandbox it finds already answering there (another cockpit running the demo).
 */
import { type DemoInstance, type DemoStatus } from '../../shared/api/demo';
import { type Workspace } from '../../shared/workspace';
import { demoSandboxScript } from './paths';
import { type SandboxLauncher } from './launcher';
import { type DemoTarget, planDemo, targetId } from './plan';
import { type SandboxState, breakSandbox, healSandbox, sandboxState } from './sandbox-api';
import { type SandboxChild, type StartResult, startSandbox } from './sandbox-child';

export interface DemoRuntimeOptions {
  dataDir: string;
  /**
   * What a port in use means. 'problem' (the app, serve mode): this cockpit owns its demo, so it is a problem,
   * reported and retried. 'share' (the CLI): a sandbox already answering there is used as it is.
   */
  portInUse: 'problem' | 'share';
  /** Retry failed sandboxes this often ('problem' mode; 0 = never). Default 15 s. */
  retryMs?: number;
  /** Something started, stopped, failed, broke or healed. */
  onChange?: () => void;
  script?: string;
  startTimeoutMs?: number;
  /**
   * How a sandbox process is launched: the desktop app passes one built on Electron's utilityProcess (its own
   * executable cannot act as Node); default `node script` from the running Node (the CLI, serve mode, tests).
   */
  launcher?: SandboxLauncher;
  /** Tests: how sandboxes are started. */
  start?: (target: DemoTarget, title: string) => Promise<StartResult>;
}

interface Instance {
  target: DemoTarget;
  url: string;
  state: DemoInstance['state'];
  child?: SandboxChild;
  problem: string | null;
}

/** Sandboxes in these states answer on their port. */
const reachable = (i: Instance) => i.state === 'running' || i.state === 'elsewhere';

export class DemoNotRunningError extends Error {}

export class DemoRuntime {
  readonly #options: DemoRuntimeOptions;
  readonly #instances = new Map<string, Instance>();
  #queue: Promise<void> = Promise.resolve();
  #active = false;
  #title = 'Demo Shop';
  #planProblems: string[] = [];
  #retryTimer?: ReturnType<typeof setInterval>;
  #closed = false;

  constructor(options: DemoRuntimeOptions) {
    this.#options = options;
  }

  /** True while a demo workspace is being run. */
  get active(): boolean {
    return this.#active;
  }

  /** Runs what this demo workspace declares, or nothing (null). Calls are applied one after another. */
  sync(workspace: Workspace | null): Promise<void> {
    const run = this.#queue.then(() => this.#apply(this.#closed ? null : workspace));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Stops every sandbox; the runtime stays stopped. */
  async stop(): Promise<void> {
    this.#closed = true;
    await this.sync(null);
  }

  /** Process ids of the sandboxes this runtime started and that still run (diagnostics, tests). */
  pids(): number[] {
    return [...this.#instances.values()].flatMap((i) => (i.child?.running && i.child.pid ? [i.child.pid] : []));
  }

  /** Why nothing healthy can answer on this port in this cockpit, for health reasons; null when nothing is wrong. */
  problemForPort(port: number): string | null {
    for (const instance of this.#instances.values()) {
      if (instance.target.port === port && instance.state === 'failed') {
        return `the demo's ${instance.target.service} sandbox is not running: ${instance.problem ?? 'it failed'}`;
      }
    }
    return null;
  }

  async status(): Promise<DemoStatus> {
    const instances = await Promise.all(
      [...this.#instances.values()].map(async (i): Promise<DemoInstance> => {
        const state: SandboxState | null = reachable(i) ? await sandboxState(i.url) : null;
        return {
          service: i.target.service,
          environment: i.target.environment,
          port: i.target.port,
          url: i.url,
          state: i.state,
          mode: state?.mode ?? null,
          releases: state?.releases ?? [],
          problem: reachable(i) && !state ? 'it does not answer' : i.problem,
        };
      }),
    );
    return { active: this.#active, instances, note: this.#note(instances) };
  }

  /** Breaks one sandbox on purpose (down or slow). */
  async break(service: string, environment: string, mode: 'down' | 'slow'): Promise<void> {
    await breakSandbox(this.#reachable(service, environment).url, mode);
    this.#options.onChange?.();
  }

  async heal(service: string, environment: string): Promise<void> {
    await healSandbox(this.#reachable(service, environment).url);
    this.#options.onChange?.();
  }

  #reachable(service: string, environment: string): Instance {
    if (!this.#active) throw new DemoNotRunningError('the demo is not running: open the built-in demo workspace');
    const instance = this.#instances.get(targetId(service, environment));
    if (!instance) throw new DemoNotRunningError(`the demo has no sandbox for ${service} in ${environment}`);
    if (!reachable(instance)) {
      throw new Error(`the ${service} sandbox in ${environment} is not running: ${instance.problem ?? instance.state}`);
    }
    return instance;
  }

  #note(instances: DemoInstance[]): string {
    if (!this.#active) {
      return 'The demo’s sandbox services run only while the built-in demo workspace is open in the app or `cockpit serve`.';
    }
    const running = instances.filter((i) => i.state === 'running').length;
    const elsewhere = instances.filter((i) => i.state === 'elsewhere').length;
    const failed = instances.filter((i) => i.state === 'failed').length;
    const parts = [`${running} of ${instances.length} sandbox services run on this machine (127.0.0.1)`];
    if (elsewhere > 0) parts.push(`${elsewhere} already ran in another cockpit and are used as they are`);
    if (failed > 0) parts.push(`${failed} could not start`);
    const problems = this.#planProblems.length > 0 ? ` ${this.#planProblems.join('; ')}.` : '';
    return `${parts.join('; ')}.${problems}`;
  }

  async #apply(workspace: Workspace | null): Promise<void> {
    const { targets, problems } = workspace
      ? planDemo(workspace, this.#options.dataDir)
      : { targets: [], problems: [] };
    const wanted = new Map(targets.map((t) => [targetId(t.service, t.environment), t]));
    // Inactive only once every sandbox has exited: "not running" must be true when it is said.
    if (workspace !== null) this.#active = true;
    this.#title = workspace?.name ?? this.#title;
    this.#planProblems = problems;
    let changed = false;
    const stopping: Promise<void>[] = [];
    for (const [id, instance] of this.#instances) {
      const next = wanted.get(id);
      if (next && JSON.stringify(next) === JSON.stringify(instance.target)) continue;
      this.#instances.delete(id);
      stopping.push(this.#stopInstance(instance));
      changed = true;
    }
    await Promise.all(stopping);
    this.#active = workspace !== null;
    const starting: Promise<void>[] = [];
    for (const [id, target] of wanted) {
      if (this.#instances.has(id)) continue;
      const instance: Instance = { target, url: `http://127.0.0.1:${target.port}`, state: 'starting', problem: null };
      this.#instances.set(id, instance);
      starting.push(this.#startInstance(instance));
      changed = true;
    }
    await Promise.all(starting);
    this.#scheduleRetries();
    if (changed) this.#options.onChange?.();
  }

  /**
   * A new instance is 'starting' from its creation; a retried one stays 'failed', with its problem, until the retry
   * succeeds: a port that stays taken must not flicker to "starting" every few seconds (nor lose its explanation).
   */
  async #startInstance(instance: Instance): Promise<void> {
    const start = this.#options.start ?? ((target, title) => this.#spawn(target, title));
    const result = await start(instance.target, this.#title);
    if (!this.#isCurrent(instance)) {
      // Stopped or replaced while it was starting.
      if (result.ok) await result.child.stop();
      return;
    }
    if (result.ok) {
      instance.state = 'running';
      instance.problem = null;
      instance.child = result.child;
      void result.child.exited.then(() => this.#exitedUnexpectedly(instance));
      return;
    }
    if (result.reason === 'port-in-use') {
      const there = await sandboxState(instance.url);
      if (this.#options.portInUse === 'share' && there) {
        instance.state = 'elsewhere';
        instance.problem = null;
        return;
      }
      instance.state = 'failed';
      instance.problem = there
        ? `port ${instance.target.port} on 127.0.0.1 is taken by another cockpit running the demo (the app or \`cockpit serve\`); close it and this one starts its own`
        : `port ${instance.target.port} on 127.0.0.1 is in use by another program`;
      return;
    }
    instance.state = 'failed';
    instance.problem = `the sandbox ${result.message}`;
  }

  #spawn(target: DemoTarget, title: string): Promise<StartResult> {
    return startSandbox({
      script: this.#options.script ?? demoSandboxScript(),
      port: target.port,
      service: target.service,
      title,
      currentDirs: target.current.map((c) => c.dir),
      startTimeoutMs: this.#options.startTimeoutMs,
      launcher: this.#options.launcher,
    });
  }

  #isCurrent(instance: Instance): boolean {
    return this.#instances.get(targetId(instance.target.service, instance.target.environment)) === instance;
  }

  #exitedUnexpectedly(instance: Instance): void {
    if (!this.#isCurrent(instance) || instance.state !== 'running') return;
    instance.state = 'failed';
    instance.problem = 'the sandbox stopped unexpectedly';
    instance.child = undefined;
    this.#options.onChange?.();
  }

  async #stopInstance(instance: Instance): Promise<void> {
    instance.state = 'stopped';
    const child = instance.child;
    instance.child = undefined;
    await child?.stop();
  }

  #scheduleRetries(): void {
    const every = this.#options.retryMs ?? 15_000;
    const wanted = this.#options.portInUse === 'problem' && every > 0 && this.#instances.size > 0;
    if (!wanted) {
      if (this.#retryTimer) clearInterval(this.#retryTimer);
      this.#retryTimer = undefined;
      return;
    }
    if (this.#retryTimer) return;
    this.#retryTimer = setInterval(() => {
      this.#queue = this.#queue.then(() => this.#retryFailed()).catch(() => undefined);
    }, every);
    this.#retryTimer.unref();
  }

  async #retryFailed(): Promise<void> {
    const failed = [...this.#instances.values()].filter((i) => i.state === 'failed');
    if (failed.length === 0 || this.#closed) return;
    await Promise.all(failed.map((i) => this.#startInstance(i)));
    if (failed.some((i) => i.state !== 'failed')) this.#options.onChange?.();
  }
}
