/**
 * Watches one file the way editors actually save it. Many editors write a temporary file and rename it over the
 * original, which kills a watch on the file itself; so the directory is watched and events are filtered by name.
 * A burst of events (write, chmod, rename) is debounced into one callback, and the callback fires only when the
 * content really changed. If the directory itself goes away, the watch re-arms when it comes back.
 */
import { createHash } from 'node:crypto';
import { type FSWatcher, readFileSync, statSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface FileWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last event before the file is read (default 150 ms). */
  debounceMs?: number;
  /** How often to look for a vanished directory to come back (default 1 s). */
  rearmMs?: number;
}

/**
 * Calls `onChange` after the file's content changes (including appearing or disappearing). Start watching before
 * reading the file: a change made between the two is then reported rather than lost.
 */
export function watchFile(path: string, onChange: () => void, options: WatchOptions = {}): FileWatcher {
  const debounceMs = options.debounceMs ?? 150;
  const rearmMs = options.rearmMs ?? 1000;
  const dir = dirname(path);
  const name = basename(path);

  let closed = false;
  let watcher: FSWatcher | undefined;
  let dirIno: number | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let rearm: NodeJS.Timeout | undefined;
  let last = signature(path);

  const check = () => {
    debounce = undefined;
    if (closed) return;
    if (watcher && directoryIno(dir) !== dirIno) restart();
    const now = signature(path);
    if (now === last) return;
    last = now;
    onChange();
  };

  const schedule = () => {
    if (closed) return;
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(check, debounceMs);
  };

  const arm = () => {
    rearm = undefined;
    if (closed) return;
    try {
      dirIno = directoryIno(dir);
      if (dirIno === undefined) throw new Error('directory missing');
      watcher = watch(dir, { persistent: false }, (_event, filename) => {
        // Some platforms omit the name; then any event in the directory may be ours.
        if (!filename || filename.toString() === name) schedule();
        else if (directoryIno(dir) !== dirIno) schedule();
      });
      watcher.on('error', () => restart());
      // The file may have changed while nothing was watching.
      schedule();
    } catch {
      watcher = undefined;
      rearm = setTimeout(arm, rearmMs);
      rearm.unref();
    }
  };

  const restart = () => {
    watcher?.close();
    watcher = undefined;
    if (!closed && !rearm) {
      rearm = setTimeout(arm, rearmMs);
      rearm.unref();
    }
  };

  arm();
  return {
    close() {
      closed = true;
      watcher?.close();
      watcher = undefined;
      if (debounce) clearTimeout(debounce);
      if (rearm) clearTimeout(rearm);
    },
  };
}

/** What the file holds now, in a few bytes: a content hash, or why there is none. */
function signature(path: string): string {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch (error) {
    return `unreadable:${(error as NodeJS.ErrnoException).code ?? 'unknown'}`;
  }
}

function directoryIno(dir: string): number | undefined {
  try {
    const info = statSync(dir);
    return info.isDirectory() ? info.ino : undefined;
  } catch {
    return undefined;
  }
}
