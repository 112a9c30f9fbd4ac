/**
 * Opens one SSH connection following a ConnectPlan: through each jump host in turn (a `direct-tcpip` channel
 * from the previous hop becomes the next hop's socket), with strict host-key checking and the agent/key-file
 * authentication of auth.ts. The handshake deadline is our own, paused while a human is being asked something,
 * and every failure settles exactly once (ssh2 may report a silent server twice).
 */
import { type Duplex } from 'node:stream';
import type { Client, ParsedKey, ServerHostKeyAlgorithm } from 'ssh2';
import type * as Ssh2 from 'ssh2';
import { TransportError } from '../types';
import { type KeyProblem, type PassphrasePrompt, authHandler } from './auth';
import { type ConnectPlan, type SshEndpoint, describeEndpoint } from './connect-plan';
import { type Ssh2Error, mapConnectError } from './errors';
import { entryFingerprint, fingerprint, keyTypeOf } from './known-hosts';
import { type KnownHostsStore } from './known-hosts-store';
import { lazyRequire } from '../../lazy-require';

/** Loaded by the first connection, not at start (a workspace without SSH hosts never needs it). */
const ssh2 = lazyRequire<typeof Ssh2>('ssh2');

export interface HostKeyRequest {
  /** Workspace host. */
  host: string;
  /** `user@host:port` dialled (a jump host when the key is a hop's). */
  endpoint: string;
  knownHostsName: string;
  keyType: string;
  fingerprint: string;
  /** Fingerprints of keys of other types already known for this host, if any. */
  otherKnown: string[];
}

export interface ConnectDeps {
  knownHosts: KnownHostsStore;
  /** The connection is opened for background work (see ExecOptions.unattended). */
  unattended?: boolean;
  prompt?: PassphrasePrompt;
  /** Decides whether to trust an unknown host key; without it, unknown keys are refused ('host-key-unknown'). */
  confirmHostKey?: (request: HostKeyRequest) => Promise<boolean>;
  keyCache: Map<string, ParsedKey>;
}

export interface SshConnection {
  readonly client: Client;
  /** Ends the target and every jump connection. */
  close(): void;
}

const DEFAULT_HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Ask first for the key types we already know for the host, as OpenSSH does, so a known host is not "unknown". */
function hostKeyAlgorithms(knownTypes: string[]): ServerHostKeyAlgorithm[] {
  const preferred = knownTypes.flatMap((t): ServerHostKeyAlgorithm[] =>
    t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => a === t),
  );
  return [...new Set([...preferred, ...DEFAULT_HOST_KEY_ALGORITHMS])];
}

class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private remaining: number;
  private startedAt = 0;
  private paused = 0;

  constructor(
    ms: number,
    private readonly onExpire: () => void,
  ) {
    this.remaining = ms;
    this.start();
  }

  private start() {
    this.startedAt = Date.now();
    this.timer = setTimeout(this.onExpire, this.remaining);
  }

  pause() {
    if (this.paused++ > 0) return;
    clearTimeout(this.timer);
    this.remaining = Math.max(1, this.remaining - (Date.now() - this.startedAt));
  }

  resume() {
    if (--this.paused > 0) return;
    this.start();
  }

  clear() {
    clearTimeout(this.timer);
    this.paused = Number.POSITIVE_INFINITY;
  }
}

function hostKeyChangedError(
  host: string,
  endpoint: SshEndpoint,
  offered: Buffer,
  known: ReturnType<KnownHostsStore['entries']>,
) {
  const old = known.map((e) => ({ fingerprint: entryFingerprint(e), file: e.file, line: e.line }));
  const newFp = fingerprint(offered);
  const where = old.map((o) => `${o.fingerprint} (${o.file} line ${o.line})`).join(', ');
  const removeHint = old
    .map((o) => `ssh-keygen -R '${endpoint.knownHostsName}' -f '${o.file}'`)
    .filter((v, i, a) => a.indexOf(v) === i)
    .join(' and ');
  return new TransportError(
    'host-key-changed',
    host,
    `${host} (${describeEndpoint(endpoint)}): the host key has CHANGED. Known: ${where}; offered now: ${newFp} (${keyTypeOf(offered)}). ` +
      'This may be an attack (someone intercepting the connection), or the server was reinstalled. ' +
      `Refusing to connect. If you know why the key changed, check the new fingerprint with the server's owner, remove the old entry (${removeHint}) and connect again to be asked to trust the new key.`,
    {
      endpoint: describeEndpoint(endpoint),
      knownHostsName: endpoint.knownHostsName,
      keyType: keyTypeOf(offered),
      oldFingerprints: old.map((o) => o.fingerprint),
      newFingerprint: newFp,
      knownIn: old,
    },
  );
}

function connectEndpoint(
  plan: ConnectPlan,
  endpoint: SshEndpoint,
  deps: ConnectDeps,
  sock: Duplex | undefined,
): Promise<Client> {
  const host = plan.host;
  return new Promise((resolve, reject) => {
    const client = new (ssh2().Client)();
    const tried: string[] = [];
    const keyProblems: KeyProblem[] = [];
    let settled = false;
    let verdictError: TransportError | undefined;

    const fail = (error: TransportError) => {
      if (settled) return;
      settled = true;
      deadline.clear();
      client.removeAllListeners('ready');
      client.destroy();
      reject(error);
    };
    const deadline = new Deadline(plan.connectTimeoutMs, () =>
      fail(
        mapConnectError(
          Object.assign(new Error('handshake timeout'), { level: 'client-timeout' }),
          host,
          endpoint,
          tried,
          keyProblems,
        ),
      ),
    );

    const hostVerifier = (key: Buffer, verify: (valid: boolean) => void) => {
      const verdict = deps.knownHosts.verify(endpoint.knownHostsName, key, endpoint.userKnownHostsFiles);
      if (verdict.status === 'known') return verify(true);
      if (verdict.status === 'changed') {
        verdictError = hostKeyChangedError(host, endpoint, key, verdict.known);
        return verify(false);
      }
      if (verdict.status === 'revoked') {
        verdictError = new TransportError(
          'host-key-revoked',
          host,
          `${host} (${describeEndpoint(endpoint)}): the host offered a key marked @revoked (${fingerprint(key)}, ${verdict.entry.file} line ${verdict.entry.line}). Refusing to connect.`,
          { endpoint: describeEndpoint(endpoint), newFingerprint: fingerprint(key), revoked: true },
        );
        return verify(false);
      }
      const request: HostKeyRequest = {
        host,
        endpoint: describeEndpoint(endpoint),
        knownHostsName: endpoint.knownHostsName,
        keyType: keyTypeOf(key),
        fingerprint: fingerprint(key),
        otherKnown: verdict.otherTypes.map(entryFingerprint),
      };
      const unknown = () =>
        new TransportError(
          'host-key-unknown',
          host,
          `${host} (${request.endpoint}): unknown host key ${request.fingerprint} (${request.keyType}). ` +
            'Check the fingerprint with the server’s owner before trusting it; the cockpit never trusts a new host silently.',
          { ...request, keyBase64: key.toString('base64') },
        );
      if (!deps.confirmHostKey) {
        // Remembered by the engine: a later "trust it" can only ever trust this name with this key.
        deps.knownHosts.rememberOffered(endpoint.knownHostsName, key);
        verdictError = unknown();
        return verify(false);
      }
      deadline.pause();
      deps
        .confirmHostKey(request)
        .catch(() => false)
        .then((trusted) => {
          deadline.resume();
          if (trusted) deps.knownHosts.trust(endpoint.knownHostsName, key);
          else verdictError = unknown();
          verify(trusted);
        });
    };

    client.on('ready', () => {
      if (settled) return;
      settled = true;
      deadline.clear();
      // Steps are many small request/reply exchanges: with Nagle's algorithm each one waits out the peer's
      // delayed ACK (~40 ms on Linux), which was most of the time a short step took.
      client.setNoDelay(true);
      resolve(client);
    });
    client.on('error', (error: Ssh2Error) => {
      if (settled) return;
      fail(verdictError ?? mapConnectError(error, host, endpoint, tried, keyProblems));
    });
    client.on('close', () => {
      if (settled) return;
      fail(
        verdictError ??
          new TransportError(
            'disconnected',
            host,
            `${host} (${describeEndpoint(endpoint)}): the connection closed during the handshake.`,
          ),
      );
    });

    const knownTypes = deps.knownHosts.knownTypes(endpoint.knownHostsName, endpoint.userKnownHostsFiles);
    try {
      client.connect({
        host: endpoint.hostName,
        port: endpoint.port,
        username: endpoint.user,
        sock,
        readyTimeout: 0, // our Deadline replaces it (it can pause while a human answers a prompt)
        keepaliveInterval: plan.keepaliveIntervalMs,
        keepaliveCountMax: plan.keepaliveCountMax,
        algorithms: { serverHostKey: hostKeyAlgorithms(knownTypes) },
        hostVerifier,
        authHandler: authHandler(
          endpoint,
          {
            host,
            startedAt: Date.now(),
            unattended: deps.unattended === true,
            prompt: deps.prompt,
            keyCache: deps.keyCache,
            pause: () => deadline.pause(),
            resume: () => deadline.resume(),
            problems: keyProblems,
          },
          tried,
        ),
      });
    } catch (error) {
      fail(new TransportError('other', host, `${host}: ${(error as Error).message}`));
    }
  });
}

function forwardOut(jump: Client, host: string, to: SshEndpoint): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    jump.forwardOut('127.0.0.1', 0, to.hostName, to.port, (error, stream) => {
      if (error) {
        reject(
          new TransportError(
            'refused',
            host,
            `${host}: the jump host could not open a tunnel to ${to.hostName}:${to.port}: ${error.message}`,
          ),
        );
      } else resolve(stream);
    });
  });
}

/** Connects through every jump host to the target; on failure, closes whatever hops were opened. */
export async function openConnection(plan: ConnectPlan, deps: ConnectDeps): Promise<SshConnection> {
  const hops = [...plan.jumps, plan.target];
  const clients: Client[] = [];
  try {
    let sock: Duplex | undefined;
    for (const [i, hop] of hops.entries()) {
      if (i > 0) sock = await forwardOut(clients[i - 1] as Client, plan.host, hop);
      clients.push(await connectEndpoint(plan, hop, deps, sock));
    }
  } catch (error) {
    for (const c of clients.reverse()) c.end();
    if (error instanceof TransportError && clients.length > 0 && clients.length < hops.length) {
      const failedHop = hops[clients.length] as SshEndpoint;
      error.message = `${error.message} (through jump host ${describeEndpoint(hops[clients.length - 1] as SshEndpoint)} to ${describeEndpoint(failedHop)})`;
    }
    throw error;
  }
  const target = clients[clients.length - 1] as Client;
  // When a hop drops, the connections behind it are dead too.
  for (const c of clients) c.on('close', () => clients.forEach((other) => other !== c && other.end()));
  return {
    client: target,
    close: () => [...clients].reverse().forEach((c) => c.end()),
  };
}
