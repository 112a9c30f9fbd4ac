/**
 * Builds how to reach a workspace host over SSH, as plain data: target, user, port, keys, agent, jump hops and
 * the names its host key is known under. Pure (no network, no disk), so every rule is unit-tested; the
 * connection code only follows the plan. Precedence: the workspace entry's fields, then `user@host:port` in its
 * `ssh` value, then ~/.ssh/config, then OpenSSH's defaults.
 */
import { type HostConfig } from '../../../shared/workspace';
import { type SshConfigBlock, expandPath, resolveSshHost } from './config';

export interface SshEndpoint {
  /** The name as written (workspace `ssh` value or a ProxyJump word), used to match Host blocks. */
  alias: string;
  /** What is dialled. */
  hostName: string;
  port: number;
  user: string;
  /** Key files to try, in order, fully expanded. */
  identityFiles: string[];
  /** True when none was configured and these are OpenSSH's default key names (missing ones are skipped quietly). */
  defaultIdentities: boolean;
  identitiesOnly: boolean;
  /** The agent socket to ask for keys, or null. */
  agentSocket: string | null;
  /** The name the host key is stored under in known_hosts: `host` on port 22, `[host]:port` otherwise. */
  knownHostsName: string;
  userKnownHostsFiles: string[];
}

export interface ConnectPlan {
  /** The workspace host name. */
  host: string;
  target: SshEndpoint;
  /** Jump hosts, outermost first: connect to jumps[0], tunnel to jumps[1] … then to the target. */
  jumps: SshEndpoint[];
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** Commands at once on this host; more wait in a queue. */
  concurrency: number;
}

export interface LocalContext {
  home: string;
  localUser: string;
  /** SSH_AUTH_SOCK, when set. */
  agentSocket?: string;
}

export const DEFAULT_CONCURRENCY = 8;
const DEFAULT_IDENTITIES = ['~/.ssh/id_ed25519', '~/.ssh/id_ecdsa', '~/.ssh/id_rsa'];

interface Destination {
  user?: string;
  host: string;
  port?: number;
}

/** Parses `host`, `user@host`, `user@host:port`, `[v6addr]:port` and `ssh://user@host:port`. */
export function parseDestination(text: string): Destination {
  const value = text
    .trim()
    .replace(/^ssh:\/\//, '')
    .replace(/\/$/, '');
  const at = value.lastIndexOf('@');
  const user = at > 0 ? value.slice(0, at) : undefined;
  const rest = at >= 0 ? value.slice(at + 1) : value;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) return { user, host: bracketed[1] as string, port: bracketed[2] ? Number(bracketed[2]) : undefined };
  const colon = rest.split(':');
  if (colon.length === 2 && /^\d+$/.test(colon[1] as string)) {
    return { user, host: colon[0] as string, port: Number(colon[1]) };
  }
  return { user, host: rest };
}

export function knownHostsName(hostName: string, port: number): string {
  return port === 22 ? hostName : `[${hostName}]:${port}`;
}

interface EndpointOverrides {
  user?: string;
  port?: number;
  identityFile?: string;
}

function endpoint(
  config: readonly SshConfigBlock[],
  destination: Destination,
  overrides: EndpointOverrides,
  local: LocalContext,
): { endpoint: SshEndpoint; proxyJump?: string } {
  const settings = resolveSshHost(config, destination.host);
  const hostName = settings.hostName ?? destination.host;
  const user = overrides.user ?? destination.user ?? settings.user ?? local.localUser;
  const port = overrides.port ?? destination.port ?? settings.port ?? 22;
  const ctx = {
    home: local.home,
    localUser: local.localUser,
    hostName,
    remoteUser: user,
    port,
    alias: destination.host,
  };
  const configured = overrides.identityFile
    ? [overrides.identityFile, ...settings.identityFiles]
    : settings.identityFiles;
  const defaultIdentities = configured.length === 0;
  const identityFiles = (defaultIdentities ? DEFAULT_IDENTITIES : configured).map((p) => expandPath(p, ctx));
  const identitiesOnly = settings.identitiesOnly ?? false;
  let agentSocket: string | null = local.agentSocket ?? null;
  const agentSetting = settings.identityAgent;
  if (agentSetting?.toLowerCase() === 'none') agentSocket = null;
  else if (agentSetting && !/^\$?SSH_AUTH_SOCK$/.test(agentSetting)) agentSocket = expandPath(agentSetting, ctx);
  // IdentitiesOnly: only the listed key files are offered (ssh2 cannot filter the agent's keys by file).
  if (identitiesOnly) agentSocket = null;
  const userKnownHostsFiles = (settings.userKnownHostsFiles ?? ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'])
    .filter((f) => f.toLowerCase() !== 'none')
    .map((f) => expandPath(f, ctx));
  return {
    endpoint: {
      alias: destination.host,
      hostName,
      port,
      user,
      identityFiles,
      defaultIdentities,
      identitiesOnly,
      agentSocket,
      knownHostsName: knownHostsName(settings.hostKeyAlias ?? hostName, port),
      userKnownHostsFiles,
    },
    proxyJump: settings.proxyJump,
  };
}

/** Resolves a ProxyJump value (comma-separated hops) into endpoints, following each hop's own ProxyJump. */
function resolveJumps(
  spec: string | undefined,
  config: readonly SshConfigBlock[],
  local: LocalContext,
  seen: Set<string>,
): SshEndpoint[] {
  if (!spec || spec.toLowerCase() === 'none') return [];
  const hops: SshEndpoint[] = [];
  for (const word of spec
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean)) {
    const destination = parseDestination(word);
    const key = destination.host.toLowerCase();
    if (seen.has(key)) throw new Error(`ProxyJump loops back to "${destination.host}"`);
    if (seen.size > 8) throw new Error('ProxyJump chain is longer than 8 hops');
    const resolved = endpoint(config, destination, {}, local);
    const inner = resolveJumps(resolved.proxyJump, config, local, new Set([...seen, key]));
    hops.push(...inner, resolved.endpoint);
  }
  return hops;
}

export function buildConnectPlan(input: {
  name: string;
  host: HostConfig;
  sshConfig: readonly SshConfigBlock[];
  local: LocalContext;
}): ConnectPlan {
  const { name, host, sshConfig, local } = input;
  if (!host.ssh) throw new Error(`host "${name}" is not an SSH host`);
  const destination = parseDestination(host.ssh);
  const resolved = endpoint(
    sshConfig,
    destination,
    { user: host.user, port: host.port, identityFile: host.identityFile },
    local,
  );
  const settings = resolveSshHost(sshConfig, destination.host);
  const jumps = resolveJumps(
    host.jump ?? resolved.proxyJump,
    sshConfig,
    local,
    new Set([destination.host.toLowerCase()]),
  );
  return {
    host: name,
    target: resolved.endpoint,
    jumps,
    connectTimeoutMs: (settings.connectTimeoutSec ?? 15) * 1000,
    keepaliveIntervalMs: (settings.serverAliveIntervalSec ?? 15) * 1000,
    keepaliveCountMax: settings.serverAliveCountMax ?? 3,
    concurrency: host.concurrency ?? DEFAULT_CONCURRENCY,
  };
}

/** `deploy@web-1.acme.internal:2222 via bastion` — how a plan reads in messages. */
export function describeEndpoint(e: SshEndpoint): string {
  return `${e.user}@${e.hostName}${e.port === 22 ? '' : `:${e.port}`}`;
}
