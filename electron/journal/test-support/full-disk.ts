/**
 * A full disk, as SQLite reports it (SQLITE_FULL, "database or disk is full"): every connection opened while this
 * is on may hold at most `maxPages` pages (PRAGMA max_page_count), set before its first statement. A real full
 * disk needs root (a tiny tmpfs); SQLite turns ENOSPC into this same error code.
 */
import { Database } from '../sqlite';

export function simulateFullDisk(maxPages = 1): () => void {
  const original = Database.prototype.pragma;
  const limited = new WeakSet<Database>();
  Database.prototype.pragma = function (this: Database, source: string, options?: { simple?: boolean }): unknown {
    if (!limited.has(this)) {
      limited.add(this);
      original.call(this, `max_page_count = ${maxPages}`);
    }
    return original.call(this, source, options);
  };
  return () => {
    Database.prototype.pragma = original;
  };
}
