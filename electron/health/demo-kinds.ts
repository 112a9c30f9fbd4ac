/**
 * Check kinds that know about the demo's own sandboxes. When a sandbox could not start (its port is taken by
 * another program or another cockpit), a check aimed at that port on 127.0.0.1 does not report whatever answers
 * there: it says plainly that the demo's service is not running and why. Everything else runs unchanged.
 */
import { type HttpCheckConfig, type PrometheusCheckConfig } from '../../shared/workspace/health';
import { httpKind } from './kinds/http';
import { prometheusKind } from './kinds/prometheus';
import { type CheckKind, type CheckOutcome } from './kinds/types';
import { type KindRegistry, createRegistry } from './registry';

/** Why this cockpit's own service cannot answer on a loopback port, or null. */
export type PortProblem = (port: number) => string | null;

function problemFor(target: string, portProblem: PortProblem): CheckOutcome | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (!['127.0.0.1', 'localhost'].includes(url.hostname) || !url.port) return undefined;
  const problem = portProblem(Number(url.port));
  return problem ? { status: 'down', reason: problem, headline: problem } : undefined;
}

function guarded<C>(kind: CheckKind<C>, target: (check: C) => string, portProblem: PortProblem): CheckKind<C> {
  return {
    name: kind.name,
    subject: (check) => kind.subject(check),
    run: (check, context) => {
      const problem = problemFor(target(check), portProblem);
      return problem ? Promise.resolve(problem) : kind.run(check, context);
    },
  };
}

export function demoAwareRegistry(portProblem: PortProblem): KindRegistry {
  return createRegistry({
    http: guarded<HttpCheckConfig>(httpKind, (c) => c.http, portProblem),
    prometheus: guarded<PrometheusCheckConfig>(
      prometheusKind,
      (c) => ('scrape' in c.prometheus ? c.prometheus.scrape : c.prometheus.server),
      portProblem,
    ),
  });
}
