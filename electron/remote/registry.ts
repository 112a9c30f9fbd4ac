/**
 * One transport per workspace host, created on first use and shared by every feature (deploys, health, backups):
 * this is the connection pool. SSH hosts get an SshTransport built from the workspace entry and ~/.ssh/config;
 * `local: true` hosts get the local transport. Decrypted keys and the cockpit's known_hosts are shared too.
 */
import { userInfo } from 'node:os';
import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { type ParsedKey } from 'ssh2';
import { type HostConfig } from '../../shared/workspace';
import { createLocalTransport } from './local';
import { type PassphrasePrompt } from './ssh/auth';
import { type SshConfigBlock } from './ssh/config';
import { loadSshConfig } from './ssh/config-file';
import { type HostKeyRequest } from './ssh/connect';
import { type LocalContext, buildConnectPlan } from './ssh/connect-plan';
import { fingerprint } from './ssh/known-hosts';
import { type KnownHostsStore, createKnownHostsStore } from './ssh/known-hosts-store';
import { SshTransport } from './ssh/transport';
import { type Transport, TransportError } from './types';

export interface TransportRegistryOptions {
  /** The workspace's hosts (name → entry). A function, so a reloaded workspace is seen. */
  hosts: () => Record<string, HostConfig>;
  /** The cockpit's own known_hosts file, e.g. `<dataDir>/known_hosts`. */
  knownHostsFile: string;
  /** Where a local host's relative `root` is (the cockpit's data folder). */
  dataDir?: string;
  /** Defaults to ~/.ssh/config; tests point it elsewhere. */
  sshConfigFile?: string;
  /** Overrides for tests; default: the process's home, user and SSH_AUTH_SOCK. */
  local?: Partial<LocalContext>;
  /** Skip /etc/ssh/ssh_known_hosts (tests). */
  systemKnownHosts?: string | null;
  prompt?: PassphrasePrompt;
  confirmHostKey?: (request: HostKeyRequest) => Promise<boolean>;
  idleMs?: number;
  killGraceMs?: number;
}

/** What a `host-key-unknown` error's details carry, handed back when the person chose to trust the key. */
export interface TrustRequest {
  knownHostsName: string;
  keyBase64: string;
  /** The fingerprint the person saw; the key must still match it. */
  fingerprint: string;
}

export interface TransportRegistry {
  get(host: string): Transport;
  readonly knownHosts: KnownHostsStore;
  /** Records a host key the person decided to trust (after seeing its fingerprint) in the cockpit's known_hosts. */
  trustHostKey(request: TrustRequest): void;
  /** Closes every pooled connection (app exit, workspace switch) and forgets the keys unlocked for them. */
  closeAll(): Promise<void>;
}

export function localContext(overrides: Partial<LocalContext> = {}): LocalContext {
  const home = overrides.home ?? process.env.HOME ?? userInfo().homedir;
  return {
    home,
    localUser: overrides.localUser ?? userInfo().username,
    agentSocket: 'agentSocket' in overrides ? overrides.agentSocket : process.env.SSH_AUTH_SOCK || undefined,
  };
}

export function createTransportRegistry(options: TransportRegistryOptions): TransportRegistry {
  const local = localContext(options.local);
  const knownHosts = createKnownHostsStore(options.knownHostsFile, { systemFile: options.systemKnownHosts });
  const keyCache = new Map<string, ParsedKey>();
  const transports = new Map<string, { config: string; transport: Transport }>();
  let sshConfig: SshConfigBlock[] | undefined;

  function create(name: string, host: HostConfig): Transport {
    if (host.local) {
      let home: string | undefined;
      if (host.root) {
        home = isAbsolute(host.root) ? host.root : resolve(options.dataDir ?? '.', host.root);
        mkdirSync(home, { recursive: true });
      }
      return createLocalTransport({ host: name, home, killGraceMs: options.killGraceMs });
    }
    sshConfig ??= loadSshConfig(options.sshConfigFile ?? join(local.home, '.ssh', 'config'), local.home);
    let plan;
    try {
      plan = buildConnectPlan({ name, host, sshConfig, local });
    } catch (error) {
      throw new TransportError('other', name, `${name}: ${(error as Error).message}`);
    }
    return new SshTransport({
      plan,
      knownHosts,
      keyCache,
      prompt: options.prompt,
      confirmHostKey: options.confirmHostKey,
      idleMs: options.idleMs,
      killGraceMs: options.killGraceMs,
    });
  }

  return {
    knownHosts,
    trustHostKey(request) {
      // The request only confirms; what is written is what the host itself offered when this session's connection
      // failed, so a request cannot add a pattern, a marker, another host or another key.
      const offered = knownHosts.offered(request.knownHostsName);
      if (!offered) {
        throw new TransportError(
          'other',
          request.knownHostsName,
          `No connection in this session was offered an unknown key by ${request.knownHostsName}; nothing was trusted. Connect to the host, then trust the key it shows.`,
        );
      }
      if (request.keyBase64 !== offered.toString('base64') || request.fingerprint !== fingerprint(offered)) {
        throw new TransportError(
          'other',
          request.knownHostsName,
          `That is not the key ${request.knownHostsName} offered (${fingerprint(offered)}); nothing was trusted.`,
        );
      }
      knownHosts.trust(request.knownHostsName, offered);
      knownHosts.forgetOffered(request.knownHostsName);
    },
    get(name) {
      const host = options.hosts()[name];
      if (!host)
        throw new TransportError(
          'host-unknown',
          name,
          `"${name}" is not a host of this workspace (see hosts: in the workspace file).`,
        );
      const key = JSON.stringify(host);
      const existing = transports.get(name);
      if (existing && existing.config === key) return existing.transport;
      // The entry changed (workspace reloaded): retire the old connection, build a new one.
      if (existing) void existing.transport.close();
      const transport = create(name, host);
      transports.set(name, { config: key, transport });
      return transport;
    },
    async closeAll() {
      const all = [...transports.values()];
      transports.clear();
      // Unlocked keys live as long as the pool: once it is closed, the next connection asks again.
      keyCache.clear();
      await Promise.all(all.map((t) => t.transport.close()));
    },
  };
}
