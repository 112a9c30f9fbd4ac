/**
 * The demo's contract handlers: its status, and break / heal with a journal entry each ("Broke checkout in
 * production (demo)"), so Activity tells the story of the demo incident next to the alerts it caused.
 */
import { type DemoStatus, type demoMethods } from '../../shared/api/demo';
import { CockpitError } from '../../shared/rpc';
import { type Handlers } from '../api/dispatch';
import { type Journal } from '../journal/types';
import { DemoNotRunningError, type DemoRuntime } from './runtime';

export type DemoMethodName = keyof typeof demoMethods & string;

export interface DemoHandlerDeps {
  runtime: DemoRuntime;
  journal: Pick<Journal, 'begin'>;
  /** After a break or heal: check the service at once, so the change shows within seconds. */
  checkSoon?: (service: string, environment: string) => void;
}

const modeWords = {
  down: 'readiness answers 503 and pages 500 until healed',
  slow: 'every answer takes 1.5 s until healed',
} as const;

function asCockpitError(error: unknown): CockpitError {
  if (error instanceof CockpitError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CockpitError(error instanceof DemoNotRunningError ? 'NOT_FOUND' : 'UNAVAILABLE', message);
}

export function createDemoHandlers(deps: DemoHandlerDeps): Pick<Handlers, DemoMethodName> {
  const { runtime, journal } = deps;

  async function act(
    verb: { title: string; done: string; detail?: string },
    target: { service: string; environment: string },
    data: Record<string, unknown>,
    work: () => Promise<void>,
  ): Promise<DemoStatus> {
    const where = `${target.service} in ${target.environment}`;
    const action = journal.begin({
      kind: `demo.${verb.title.toLowerCase()}`,
      title: `${verb.title} ${where} (demo)`,
      target: `${target.service}@${target.environment}`,
      data,
    });
    try {
      await work();
    } catch (error) {
      const failure = asCockpitError(error);
      action.fail(failure.message);
      throw failure;
    }
    action.succeed(`${verb.done} ${where} (demo)${verb.detail ? `: ${verb.detail}` : ''}`);
    deps.checkSoon?.(target.service, target.environment);
    return runtime.status();
  }

  return {
    'demo.status': () => runtime.status(),
    'demo.break': ({ service, environment, mode }) =>
      act(
        { title: 'Break', done: mode === 'slow' ? 'Slowed down' : 'Broke', detail: modeWords[mode] },
        { service, environment },
        { mode },
        () => runtime.break(service, environment, mode),
      ),
    'demo.heal': ({ service, environment }) =>
      act({ title: 'Heal', done: 'Healed' }, { service, environment }, {}, () => runtime.heal(service, environment)),
  };
}
