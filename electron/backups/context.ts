/**
 * The SourceContext sources and drills run with: a command goes to a workspace host over the backend's pooled
 * transport (the same SSH connection deploys and health use), or to this machine when the source names no host.
 * Secrets resolve from `env:NAME`, or `keychain:NAME` through the keychain file the desktop app keeps (serve mode
 * and the CLI have no cipher and say so in the error).
 */
import { join } from 'node:path';
import { KEYCHAIN_FILE, createKeychainStore } from '../alerts/keychain-store';
import { resolveSecret } from '../alerts/secrets';
import { type SecretCipher, type SecretStore } from '../alerts/types';
import { createLocalTransport } from '../remote/local';
import { type Transport } from '../remote/types';
import { execBatched } from './batched-exec';
import { type SourceContext } from './sources/types';

export interface SourceContextDeps {
  /** The pooled transport of a workspace host (throws TransportError for a host the workspace lacks). */
  transport(host: string): Transport;
  now(): Date;
  keychain?: SecretStore;
  env?: Record<string, string | undefined>;
}

/** The keychain the health feature manages (same file in the data folder), read here only. */
export function backupsKeychain(dataDir: string, cipher: SecretCipher | undefined): SecretStore {
  return createKeychainStore({ file: join(dataDir, KEYCHAIN_FILE), cipher });
}

/** One local transport for every source without a host: commands run as this process's user, in its home. */
let thisMachine: Transport | undefined;
function localTransport(): Transport {
  thisMachine ??= createLocalTransport({ host: 'this machine' });
  return thisMachine;
}

export interface SourceContextOptions {
  signal?: AbortSignal;
  /** Scheduled work: never asks a person for an SSH key's passphrase they already declined. Default true. */
  unattended?: boolean;
}

export function createSourceContext(deps: SourceContextDeps, options: SourceContextOptions = {}): SourceContext {
  const { signal, unattended = true } = options;
  return {
    async exec(host, command, opts = {}) {
      const transport = host === undefined ? localTransport() : deps.transport(host);
      const options = {
        ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.env ? { env: opts.env } : {}),
        ...(opts.cwd ? { cwd: opts.cwd } : {}),
        signal: opts.signal ?? signal,
        unattended,
      };
      if (opts.batch && !opts.env && !opts.cwd) return execBatched(transport, command, options);
      return transport.exec(command, options);
    },
    resolveSecret: (ref) => resolveSecret(ref, { env: deps.env ?? process.env, keychain: deps.keychain }),
    ...(signal ? { signal } : {}),
    now: deps.now,
  };
}
