/**
 * The workspace's name-keyed sections (environments, hosts, services, vars, labels) as objects without a
 * prototype. Code across the app looks these up by names a person typed (`--env toString`, a deploy request), and
 * on a plain object such a lookup finds Object.prototype's function instead of "no such environment". A structured
 * clone (worker → main thread) or JSON gives the prototype back, so this is applied after each.
 */
import { type Workspace } from './index';

/** A copy of `record` that answers only for its own keys. */
export function dictionary<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [key, value] of Object.entries(record)) out[key] = value;
  return out;
}

export function withoutPrototypes(workspace: Workspace): Workspace {
  const environments = dictionary(workspace.environments);
  for (const [key, env] of Object.entries(environments)) environments[key] = { ...env, vars: dictionary(env.vars) };
  const hosts = dictionary(workspace.hosts);
  for (const [key, host] of Object.entries(hosts))
    if (host.labels) hosts[key] = { ...host, labels: dictionary(host.labels) };
  return { ...workspace, environments, hosts, services: dictionary(workspace.services) };
}
