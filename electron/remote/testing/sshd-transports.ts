/**
 * TEST CODE ONLY — the app's own transport registry reaching real sshd test hosts (test/support/sshd.ts): each host
 * as `user@127.0.0.1` on its port with the fleet's key, a known_hosts file listing them, and nothing of the
 * developer's (no ~/.ssh/config, no system known_hosts, no agent).
 */
import { join } from 'node:path';
import { type HostConfig } from '../../../shared/workspace';
import { type SshdFleet } from '../../../test/support/sshd';
import { type TransportRegistry, type TransportRegistryOptions, createTransportRegistry } from '../registry';

export function sshdTransports(
  fleet: SshdFleet,
  options: {
    names?: (host: SshdFleet['hosts'][number], index: number) => string;
    knownHostsFile?: string;
    /** How long a cancelled command gets before it is killed (tests of cancel shorten it). */
    killGraceMs?: TransportRegistryOptions['killGraceMs'];
  } = {},
): { registry: TransportRegistry; hosts: Record<string, HostConfig>; knownHostsFile: string } {
  const knownHostsFile = options.knownHostsFile ?? join(fleet.dir, 'known_hosts-transports');
  fleet.writeKnownHosts(knownHostsFile);
  const hosts: Record<string, HostConfig> = Object.fromEntries(
    fleet.hosts.map((h, i) => [
      options.names ? options.names(h, i) : h.name,
      { ssh: `${fleet.user}@127.0.0.1`, port: h.port, identityFile: fleet.clientKey },
    ]),
  );
  const registry = createTransportRegistry({
    hosts: () => hosts,
    knownHostsFile,
    sshConfigFile: fleet.emptySshConfig,
    systemKnownHosts: null,
    local: { agentSocket: undefined },
    ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
  });
  return { registry, hosts, knownHostsFile };
}
