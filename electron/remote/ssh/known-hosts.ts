/**
 * known_hosts, as OpenSSH writes it: `[marker] patterns keytype base64key [comment]`, where patterns are plain
 * (comma-separated, wildcards, `!negation`, `[host]:port` for other ports) or hashed (`|1|salt|hmac-sha1`, what
 * HashKnownHosts writes). Pure: parsing, matching and the verdict on an offered key; reading and appending the
 * files is in known-hosts-store.ts.
 */
import { createHash, createHmac } from 'node:crypto';
import { matchPatternList } from './patterns';

export interface KnownHostEntry {
  marker: 'cert-authority' | 'revoked' | null;
  /** Plain patterns, or empty when hashed. */
  patterns: string[];
  hashed: { salt: Buffer; hash: Buffer } | null;
  keyType: string;
  keyBase64: string;
  file: string;
  line: number;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const words = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (words[0]?.startsWith('@')) {
      const m = words.shift();
      if (m === '@cert-authority') marker = 'cert-authority';
      else if (m === '@revoked') marker = 'revoked';
      else return;
    }
    const [hosts, keyType, keyBase64] = words;
    if (!hosts || !keyType || !keyBase64) return;
    let hashed: KnownHostEntry['hashed'] = null;
    let patterns: string[] = [];
    if (hosts.startsWith('|1|')) {
      const [, , salt, hash] = hosts.split('|');
      if (!salt || !hash) return;
      hashed = { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
    } else {
      patterns = hosts.split(',');
    }
    entries.push({ marker, patterns, hashed, keyType, keyBase64, file, line: index + 1 });
  });
  return entries;
}

/** `name` is what OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  if (entry.hashed) {
    const digest = createHmac('sha1', entry.hashed.salt).update(name).digest();
    return digest.equals(entry.hashed.hash);
  }
  return matchPatternList(entry.patterns, name);
}

/** The hashed form of a name, as `ssh-keygen -H` would write it (salt given for tests). */
export function hashHostName(name: string, salt: Buffer): string {
  const digest = createHmac('sha1', salt).update(name).digest();
  return `|1|${salt.toString('base64')}|${digest.toString('base64')}`;
}

/** `SHA256:…` as `ssh-keygen -lf` and OpenSSH's prompts show it. */
export function fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (its first length-prefixed string). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}

export type HostKeyVerdict =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry }
  /** A different key of the same type is on record: maybe an attack, always refused. */
  | { status: 'changed'; known: KnownHostEntry[] }
  /** Nothing of this type on record; `otherTypes` lists keys of other types known for the host. */
  | { status: 'unknown'; otherTypes: KnownHostEntry[] };

export function checkHostKey(entries: readonly KnownHostEntry[], name: string, keyBlob: Buffer): HostKeyVerdict {
  const keyType = keyTypeOf(keyBlob);
  const keyBase64 = keyBlob.toString('base64');
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && entryMatches(e, name));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.keyBase64 === keyBase64);
  if (revoked) return { status: 'revoked', entry: revoked };
  const same = forHost.find((e) => e.marker === null && e.keyBase64 === keyBase64);
  if (same) return { status: 'known', entry: same };
  const sameType = forHost.filter((e) => e.marker === null && e.keyType === keyType);
  if (sameType.length > 0) return { status: 'changed', known: sameType };
  return { status: 'unknown', otherTypes: forHost.filter((e) => e.marker === null) };
}

export function knownHostsLine(name: string, keyBlob: Buffer, comment?: string): string {
  return [name, keyTypeOf(keyBlob), keyBlob.toString('base64'), ...(comment ? [comment] : [])].join(' ');
}

/** Key types known for a host, so the handshake can prefer them (as OpenSSH does) and not trip "unknown". */
export function knownKeyTypes(entries: readonly KnownHostEntry[], name: string): string[] {
  return [...new Set(entries.filter((e) => e.marker === null && entryMatches(e, name)).map((e) => e.keyType))];
}

/** The fingerprint of an entry's key, for messages. */
export function entryFingerprint(entry: KnownHostEntry): string {
  return fingerprint(Buffer.from(entry.keyBase64, 'base64'));
}
