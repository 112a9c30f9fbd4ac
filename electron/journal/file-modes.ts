/**
 * The journal holds what the app did to which hosts, with output: readable by its owner only. On POSIX the file and
 * its -wal/-shm are 0600 and its folder 0700; files from older versions (or a permissive umask) are tightened at
 * open. Windows has no such bits (its ACLs already keep a user's profile private), so nothing is changed there.
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { log } from '../log';

const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;
const GROUP_OR_OTHER = 0o077;
const STICKY = 0o1000;

/** The journal's companion files; SQLite creates them with the main file's mode, so that one is made first. */
export function journalFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/**
 * Creates the folder (0700) and an empty journal file (0600) if missing — SQLite treats an empty file as a new
 * database — and tightens existing ones.
 */
export function preparePrivateJournal(file: string, platform: NodeJS.Platform = process.platform): void {
  const dir = dirname(file);
  if (platform === 'win32') {
    mkdirSync(dir, { recursive: true });
    return;
  }
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  tightenFolder(dir);
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const path of journalFiles(file)) tighten(path, PRIVATE_FILE);
}

/**
 * A folder someone else shares is left alone: a sticky one (/tmp), one we do not own, or the home folder itself
 * (--data-dir ~ must not lock others out of it). Otherwise it is the cockpit's data folder and becomes 0700.
 */
function tightenFolder(dir: string): void {
  const stat = statSync(dir);
  if ((stat.mode & GROUP_OR_OTHER) === 0 || (stat.mode & STICKY) !== 0) return;
  if (stat.uid !== process.getuid?.() || resolve(dir) === resolve(homedir())) return;
  tryChmod(dir, stat.mode & 0o7777 & ~GROUP_OR_OTHER);
}

function tighten(path: string, mode: number): void {
  let current: number;
  try {
    current = statSync(path).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((current & GROUP_OR_OTHER) !== 0) tryChmod(path, current & mode);
}

/** A file we may not chmod (another user's) still opens if we can read it: say so rather than refuse to start. */
function tryChmod(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (error) {
    log.warn(`[journal] could not make ${path} private: ${(error as Error).message}`);
  }
}
