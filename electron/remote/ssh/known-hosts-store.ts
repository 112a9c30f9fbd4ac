/**
 * Where host keys are remembered. The cockpit reads the user's own known_hosts files (so hosts they already
 * trust just work) and keeps its own file in its data directory, which is the only file it ever writes: a key
 * the user trusts in the app is appended there, never to ~/.ssh.
 */
import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type HostKeyVerdict,
  type KnownHostEntry,
  checkHostKey,
  knownHostsLine,
  knownKeyTypes,
  parseKnownHosts,
} from './known-hosts';

export interface KnownHostsStore {
  /** The cockpit's own file (written on trust). */
  readonly ownFile: string;
  entries(extraFiles: readonly string[]): KnownHostEntry[];
  verify(name: string, keyBlob: Buffer, extraFiles: readonly string[]): HostKeyVerdict;
  knownTypes(name: string, extraFiles: readonly string[]): string[];
  /** Appends one line for exactly this name and key; refuses a name that is a pattern or could add lines. */
  trust(name: string, keyBlob: Buffer): void;
  /** Notes the key a host offered when the connection failed as unknown, for the person to trust it later. */
  rememberOffered(name: string, keyBlob: Buffer): void;
  /** The key `name` offered in this session's last failed connection, if any. */
  offered(name: string): Buffer | undefined;
  forgetOffered(name: string): void;
}

/**
 * The names the cockpit writes: one host (`web-1.acme`, `10.0.0.5`, `[db]:2222`, an IPv6 address), never a pattern
 * (`*`, `?`, `!`, a list), a marker (`@cert-authority`), a hashed name or anything that could start a second line.
 */
export function isPlainHostName(name: string): boolean {
  return /^(?:\[[A-Za-z0-9._:%-]+\]:\d{1,5}|[A-Za-z0-9._:%-]+)$/.test(name) && !name.startsWith('-');
}

export const SYSTEM_KNOWN_HOSTS = '/etc/ssh/ssh_known_hosts';

export function createKnownHostsStore(ownFile: string, options: { systemFile?: string | null } = {}): KnownHostsStore {
  const systemFile = options.systemFile === undefined ? SYSTEM_KNOWN_HOSTS : options.systemFile;
  /** Keys hosts offered in failed connections of this session, by known_hosts name: the only keys trust() is given. */
  const offeredKeys = new Map<string, Buffer>();

  function entries(extraFiles: readonly string[]): KnownHostEntry[] {
    const files = [ownFile, ...extraFiles, ...(systemFile ? [systemFile] : [])];
    return [...new Set(files)].flatMap((file) => {
      try {
        return parseKnownHosts(readFileSync(file, 'utf8'), file);
      } catch {
        return [];
      }
    });
  }

  return {
    ownFile,
    entries,
    verify: (name, keyBlob, extraFiles) => checkHostKey(entries(extraFiles), name, keyBlob),
    knownTypes: (name, extraFiles) => knownKeyTypes(entries(extraFiles), name),
    trust(name, keyBlob) {
      if (!isPlainHostName(name))
        throw new Error(`"${name.slice(0, 80)}" is not a single host name; nothing was trusted.`);
      const line = knownHostsLine(name, keyBlob, `trusted-in-cockpit-${new Date().toISOString()}`);
      // The key type comes from inside the blob: a blob naming a type with spaces or newlines would add words.
      if (!/^\S+ [\w@.+-]+ [A-Za-z0-9+/=]+ \S+$/.test(line))
        throw new Error('The host key is malformed; nothing was trusted.');
      // Only the owner may read or change which hosts the cockpit trusts: the folder 0700, the file 0600.
      const dir = dirname(ownFile);
      if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) chmodSync(dir, 0o700);
      const fd = openSync(ownFile, 'a', 0o600);
      try {
        // A file left by an older version (or another tool) may be looser; the mode on open applies only to new files.
        fchmodSync(fd, 0o600);
        writeSync(fd, `${line}\n`);
      } finally {
        closeSync(fd);
      }
    },
    rememberOffered(name, keyBlob) {
      offeredKeys.set(name, Buffer.from(keyBlob));
    },
    offered: (name) => offeredKeys.get(name),
    forgetOffered(name) {
      offeredKeys.delete(name);
    },
  };
}
