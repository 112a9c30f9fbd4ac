/**
 * The demo's backups, made on its pretend hosts so the Backups screen and the restore drill work with nothing
 * installed (no database, no backup tool: gzip'd SQL text and tarballs written with Node).
 *
 * - `orders-db` (demo-stg:~/backups/orders): a nightly copy at 02:00 for the last 14 nights, each a little bigger
 *   than the night before, and, the first time only, one copy four nights back cut to 5 % of its size (a job that
 *   died half-way: the size check flags it, and `gzip -t` fails on it). Before each verification or drill of the demo
 *   (the backups feature calls this then, never at start), the nights after the newest copy are topped up to the
 *   last 02:00 (at most 14), so the series never turns stale by itself while the demo is used. A copy that exists is never rewritten, and nothing is deleted.
 * - `uploads` (demo-prod-1:~/backups/uploads): ten nightly tarballs whose newest is three days old when first
 *   seeded, and never topped up: the backup job "stopped", the broken promise the screen shows.
 *
 * The folders come from the demo workspace's own `source:`, on hosts that are `local: true` with a `root:`.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BackupConfig, type Workspace } from '../../shared/workspace';
import { ordersDumpGzip } from './demo-orders';
import { localHostHome, localHostPath } from './layout';
import { tarArchive } from './tar';

export interface DemoBackupSeedOptions {
  dataDir: string;
  workspace: Workspace;
  now: Date;
}

export interface SeededCopy {
  backup: string;
  host: string;
  /** The file's name in the backup's folder. */
  file: string;
  /** The night it stands for (its mtime). */
  at: Date;
}

const ORDERS_NIGHTS = 14;
/** How many nights before the newest the first seed's truncated copy sits. */
const TRUNCATED_NIGHTS_BACK = 4;
const TRUNCATED_SHARE = 0.05;
const UPLOADS_NIGHTS = 10;
const UPLOADS_STOPPED_DAYS = 3;
const NIGHTLY_HOUR = 2;

/** The last `count` nights' 02:00 (local time, as a cron job runs) at or before `now`, oldest first. */
export function nightsUpTo(now: Date, count: number): Date[] {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate(), NIGHTLY_HOUR);
  const newestDay = today.getTime() <= now.getTime() ? 0 : -1;
  const nights: Date[] = [];
  for (let back = count - 1; back >= 0; back--) {
    nights.push(new Date(now.getFullYear(), now.getMonth(), now.getDate() + newestDay - back, NIGHTLY_HOUR));
  }
  return nights;
}

/** `2026-12-06`, the night's local date, as a nightly job names its file. */
export function nightName(night: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${night.getFullYear()}-${pad(night.getMonth() + 1)}-${pad(night.getDate())}`;
}

/** Writes a new file and dates it; false (and nothing written) when the file is already there. */
function writeCopy(path: string, content: Buffer, at: Date): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  utimesSync(path, at, at);
  return true;
}

interface DeclaredFolder {
  host: string;
  /** The folder on this machine. */
  path: string;
}

/** Where a demo backup's copies go: its `dir` under `~/` on a local host with a root, or nothing. */
function folderOf(options: DemoBackupSeedOptions, backupId: string): DeclaredFolder | null {
  const backups: BackupConfig[] = Object.values(options.workspace.services).flatMap((s) => s.backups);
  const source = backups.find((b) => b.id === backupId)?.source;
  if (!source || !('dir' in source) || !source.host || !source.dir.startsWith('~/')) return null;
  const host = options.workspace.hosts[source.host];
  if (!host?.local || !host.root) return null;
  return { host: source.host, path: localHostPath(options.dataDir, host, source.dir) };
}

const ORDERS_FILE = /^orders-(\d{4}-\d{2}-\d{2})\.sql\.gz$/;

function seedOrders(options: DemoBackupSeedOptions): SeededCopy[] {
  const folder = folderOf(options, 'orders-db');
  if (!folder) return [];
  const firstTime = !existsSync(folder.path);
  mkdirSync(folder.path, { recursive: true });
  const newestThere = readdirSync(folder.path)
    .map((name) => ORDERS_FILE.exec(name)?.[1])
    .filter((date): date is string => date !== undefined)
    .sort()
    .at(-1);
  const nights = nightsUpTo(options.now, ORDERS_NIGHTS);
  const truncated = firstTime ? nights[nights.length - 1 - TRUNCATED_NIGHTS_BACK] : undefined;
  const seeded: SeededCopy[] = [];
  for (const night of nights) {
    if (newestThere !== undefined && nightName(night) <= newestThere) continue;
    const file = `orders-${nightName(night)}.sql.gz`;
    const full = ordersDumpGzip(night);
    const content = night === truncated ? full.subarray(0, Math.round(full.length * TRUNCATED_SHARE)) : full;
    if (writeCopy(join(folder.path, file), content, night)) {
      seeded.push({ backup: 'orders-db', host: folder.host, file, at: night });
    }
  }
  return seeded;
}

/** Bytes that do not compress, like a photo's, the same for a file in every tarball. */
function pictureBytes(seed: number, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = (seed * 2_654_435_761 + 1) >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/** A night's uploads: a few pictures more each night, as customers add them. */
function uploadsTarball(night: Date, index: number): Buffer {
  const entries = Array.from({ length: 20 + index * 3 }, (_, n) => ({
    name: `uploads/customer-${String(n + 1).padStart(4, '0')}.jpg`,
    content: pictureBytes(n + 1, 512 + ((n * 1_531) % 1_536)),
    mtime: night,
  }));
  return gzipSync(tarArchive(entries), { level: 1 });
}

function seedUploads(options: DemoBackupSeedOptions): SeededCopy[] {
  const folder = folderOf(options, 'uploads');
  if (!folder || existsSync(folder.path)) return [];
  mkdirSync(folder.path, { recursive: true });
  const stopped = new Date(options.now.getTime() - UPLOADS_STOPPED_DAYS * 86_400_000);
  const seeded: SeededCopy[] = [];
  nightsUpTo(stopped, UPLOADS_NIGHTS).forEach((night, index) => {
    const file = `uploads-${nightName(night)}.tar.gz`;
    if (writeCopy(join(folder.path, file), uploadsTarball(night, index), night)) {
      seeded.push({ backup: 'uploads', host: folder.host, file, at: night });
    }
  });
  return seeded;
}

/**
 * A local host's home must exist before a command can start in it, and nothing is ever deployed on the drill host:
 * without this the demo's first drill would fail to start at all.
 */
function makeDrillHomes(options: DemoBackupSeedOptions): void {
  for (const service of Object.values(options.workspace.services)) {
    for (const backup of service.backups) {
      const host = backup.drill ? options.workspace.hosts[backup.drill.host] : undefined;
      const home = host ? localHostHome(options.dataDir, host) : undefined;
      if (home) mkdirSync(home, { recursive: true });
    }
  }
}

/** Seeds (first time) or tops up (later) the demo's backup folders; returns the copies it wrote. */
export function seedDemoBackups(options: DemoBackupSeedOptions): SeededCopy[] {
  makeDrillHomes(options);
  return [...seedOrders(options), ...seedUploads(options)];
}
