/**
 * What a release never carries, whoever asks: private keys (by name, and by a PEM private-key header in the
 * first bytes), version control, `.env` files the service does not list under `shared:`, and the cockpit's own
 * data folder and journal. Named directly (in `build.upload`, as `--source`, as an artifact) it is an error that
 * says why; met while walking a folder it is left out, and the plan lists it, so nothing is dropped silently.
 */
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CockpitError } from '../../shared/rpc';

/** A path left out of a release, and why in a few words (the plan's "(2 left out: .env — not under shared:)"). */
export interface ExcludedPath {
  path: string;
  why: string;
}

export interface DenyContext {
  /** The service's `shared:` paths: an `.env` listed there may ship (it is linked to the host's copy). */
  shared: readonly string[];
  /** The cockpit's data folder, when the caller knows it (any folder holding journal.db is treated as one). */
  dataDir?: string | null;
}

const JOURNAL = /^journal\.db(-wal|-shm|-journal)?$/;
const VERSION_CONTROL = new Set(['.git', '.hg', '.svn']);
/** A PEM private key of any kind: "-----BEGIN PRIVATE KEY-----", "-----BEGIN OPENSSH PRIVATE KEY-----", … */
const PEM_PRIVATE_KEY = /^\s*-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const SNIFF_BYTES = 128;

export const DENY_WHY = {
  key: 'private key',
  versionControl: 'version control',
  env: 'not under shared:',
  journal: "the cockpit's journal",
  dataDir: "the cockpit's data folder",
} as const;

function isKeyName(name: string): boolean {
  if (name.startsWith('id_') && !name.endsWith('.pub')) return true;
  return name.endsWith('.pem') || name.endsWith('_key');
}

/** Whether `relative` (inside the release, with `/`) is a `shared:` path or inside one. */
function isShared(relative: string, shared: readonly string[]): boolean {
  return shared.some((s) => {
    const path = s.replace(/\/+$/, '');
    return relative === path || relative.startsWith(`${path}/`);
  });
}

/**
 * Why a file or folder may not ship, by its name and place alone (nothing read): null when it may.
 * `relative`: its path inside the release, with `/`.
 */
export function deniedName(name: string, relative: string, isDir: boolean, shared: readonly string[]): string | null {
  if (isDir) return VERSION_CONTROL.has(name) ? DENY_WHY.versionControl : null;
  if (JOURNAL.test(name)) return DENY_WHY.journal;
  if (isKeyName(name)) return DENY_WHY.key;
  if (name.startsWith('.env') && !isShared(relative, shared)) return DENY_WHY.env;
  return null;
}

/** Like deniedName, and a folder that is (or holds the journal of) a cockpit data folder. `full`: the local path. */
export function deniedByName(full: string, relative: string, isDir: boolean, context: DenyContext): string | null {
  const byName = deniedName(basename(full), relative, isDir, context.shared);
  if (byName || !isDir) return byName;
  if (context.dataDir && full === context.dataDir) return DENY_WHY.dataDir;
  return existsSync(join(full, 'journal.db')) ? DENY_WHY.dataDir : null;
}

/** Whether a file starts like a PEM private key (read: its first bytes only). */
export async function looksLikePrivateKey(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return PEM_PRIVATE_KEY.test(buffer.subarray(0, bytesRead).toString('latin1'));
  } catch {
    // Unreadable now: the upload will say so with the real error.
    return false;
  } finally {
    await handle.close();
  }
}

/** Why a file may not ship, by name or content: null when it may. */
export async function deniedFile(full: string, relative: string, context: DenyContext): Promise<string | null> {
  return deniedByName(full, relative, false, context) ?? ((await looksLikePrivateKey(full)) ? DENY_WHY.key : null);
}

const EXPLAIN: Record<string, string> = {
  [DENY_WHY.key]: 'is a private key; releases never carry keys',
  [DENY_WHY.versionControl]: 'is version control (history, and often credentials); releases never carry it',
  [DENY_WHY.env]:
    'is an environment file; releases carry one only when the service lists it under shared: (it then lives on the host, in shared/)',
  [DENY_WHY.journal]: "is the cockpit's journal; releases never carry it",
  [DENY_WHY.dataDir]: "is the cockpit's data folder (it holds journal.db); releases never carry it",
};

/**
 * The error for a denied path someone named: `subject` says where and what ('build.upload lists "id_rsa"'),
 * `remedy` what to do instead ("keep it out of build.upload").
 */
export function namedDeniedError(subject: string, path: string, why: string, remedy: string): CockpitError {
  const explained = EXPLAIN[why] ?? `may not be shipped (${why})`;
  return new CockpitError('BAD_REQUEST', `${subject}, which ${explained} — ${remedy}.`, { path, why });
}

/** ".env — not under shared:, id_rsa — private key": the first few, then how many more. */
export function describeExcluded(excluded: readonly ExcludedPath[], max = 5): string {
  const shown = excluded.slice(0, max).map((e) => `${e.path} — ${e.why}`);
  if (excluded.length > max) shown.push(`and ${excluded.length - max} more`);
  return shown.join(', ');
}
