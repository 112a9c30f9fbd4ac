/**
 * Which credentials are offered, in OpenSSH's order: the agent (SSH_AUTH_SOCK) unless IdentitiesOnly, then each
 * identity file. Key files are read only when their turn comes, so a passphrase is asked for only when the agent
 * did not already succeed. Passphrases go to ssh2's parser and nowhere else; decrypted keys stay in memory.
 */
import { readFileSync } from 'node:fs';
import type { AnyAuthMethod, AuthHandlerMiddleware, ParsedKey } from 'ssh2';
import type * as Ssh2 from 'ssh2';
import { lazyRequire } from '../../lazy-require';
import { type SshEndpoint } from './connect-plan';

// Loaded by the first key read, not at start. ssh2 is CommonJS: its `utils` come from the module object.
const ssh2 = lazyRequire<typeof Ssh2>('ssh2');

export interface PassphraseRequest {
  kind: 'passphrase';
  /** Workspace host being connected to. */
  host: string;
  keyFile: string;
  /** 1 on the first ask, 2 after a wrong passphrase … */
  attempt: number;
  /** When the connection that needs it started (ms since the epoch): work already under way when a person said
   * "not now" is answered by that, instead of asking again a moment later. */
  startedAt: number;
  /** For background work: a question the person declined is not asked again for it. */
  unattended: boolean;
}

/**
 * Returns the passphrase, or null to skip this key (the person cancelled). Throws when nobody can answer (no
 * terminal, nobody answered in time): the message then leads the auth-failed error.
 */
export type PassphrasePrompt = (request: PassphraseRequest) => Promise<string | null>;

/** Why an identity file could not be offered, in words that lead the auth-failed message. */
export interface KeyProblem {
  keyFile: string;
  message: string;
}

export interface AuthContext {
  host: string;
  /** When this connection attempt started (ms since the epoch). */
  startedAt: number;
  unattended: boolean;
  prompt?: PassphrasePrompt;
  /** Decrypted keys by file, shared by every connection of the process. */
  keyCache: Map<string, ParsedKey>;
  /** Called while waiting for a human, so the handshake timeout does not count that time. */
  pause(): void;
  resume(): void;
  /** Collects why an encrypted key was not used (no passphrase, a wrong one), for the auth-failed message. */
  problems?: KeyProblem[];
}

export const MAX_PASSPHRASE_ATTEMPTS = 3;

function readKeyFile(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function firstKey(parsed: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  return Array.isArray(parsed) ? ((parsed[0] as ParsedKey | undefined) ?? new Error('no key in file')) : parsed;
}

async function loadKey(file: string, ctx: AuthContext, tried: string[]): Promise<ParsedKey | null> {
  const cached = ctx.keyCache.get(file);
  if (cached) return cached;
  const data = readKeyFile(file);
  if (!data) return null;
  let parsed = firstKey(ssh2().utils.parseKey(data));
  if (parsed instanceof Error && /encrypted|passphrase/i.test(parsed.message)) {
    if (!ctx.prompt) {
      tried.push(`${file} (encrypted, no way to ask for its passphrase)`);
      ctx.problems?.push({ keyFile: file, message: `${file} is encrypted and nobody can be asked for its passphrase` });
      return null;
    }
    let wrong = 0;
    let notGiven: string | null = null;
    for (let attempt = 1; attempt <= MAX_PASSPHRASE_ATTEMPTS && parsed instanceof Error; attempt++) {
      ctx.pause();
      let passphrase: string | null;
      try {
        passphrase = await ctx.prompt({
          kind: 'passphrase',
          host: ctx.host,
          keyFile: file,
          attempt,
          startedAt: ctx.startedAt,
          unattended: ctx.unattended,
        });
      } catch (error) {
        notGiven = error instanceof Error ? error.message : String(error);
        passphrase = null;
      } finally {
        ctx.resume();
      }
      if (passphrase === null) {
        notGiven ??= `the passphrase for ${file} was not given (cancelled)`;
        break;
      }
      parsed = firstKey(ssh2().utils.parseKey(data, passphrase));
      if (parsed instanceof Error) wrong++;
    }
    if (parsed instanceof Error) {
      // Nothing is cached: the next action asks again.
      tried.push(`${file} (${notGiven ? 'encrypted, no passphrase given' : 'wrong passphrase'})`);
      ctx.problems?.push({
        keyFile: file,
        message: notGiven ?? `wrong passphrase for ${file} (${wrong} ${wrong === 1 ? 'try' : 'tries'})`,
      });
      return null;
    }
  }
  if (parsed instanceof Error) {
    tried.push(
      `${file} (${/passphrase|encrypted/i.test(parsed.message) ? 'passphrase not given or wrong' : 'unreadable key'})`,
    );
    return null;
  }
  ctx.keyCache.set(file, parsed);
  return parsed;
}

/**
 * The ssh2 authHandler for one endpoint. `tried` collects what was offered, for the auth-failed message
 * (never key material or passphrases).
 */
export function authHandler(endpoint: SshEndpoint, ctx: AuthContext, tried: string[]): AuthHandlerMiddleware {
  const candidates: Array<() => Promise<AnyAuthMethod | null>> = [];
  if (endpoint.agentSocket) {
    const agent = endpoint.agentSocket;
    candidates.push(async () => {
      tried.push('ssh-agent');
      return { type: 'agent', username: endpoint.user, agent };
    });
  }
  for (const file of endpoint.identityFiles) {
    candidates.push(async () => {
      const key = await loadKey(file, ctx, tried);
      if (!key) {
        if (!endpoint.defaultIdentities && !tried.some((t) => t.startsWith(file))) tried.push(`${file} (missing)`);
        return null;
      }
      tried.push(file);
      return { type: 'publickey', username: endpoint.user, key };
    });
  }
  let index = 0;
  return (_methodsLeft, _partialSuccess, next) => {
    void (async () => {
      while (index < candidates.length) {
        const candidate = candidates[index++] as () => Promise<AnyAuthMethod | null>;
        const method = await candidate();
        if (method) return next(method);
      }
      // ssh2 takes `false` for "nothing left to try"; its typings only list method names and objects.
      (next as unknown as (done: false) => void)(false);
    })();
  };
}
