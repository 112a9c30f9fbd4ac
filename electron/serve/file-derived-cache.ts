/**
 * A bounded, least-recently-used cache of values worked out from a file (its ETag, its compressed bytes), each
 * valid for one version of the file: a rebuilt or edited file has another mtime or size and is worked out anew.
 */
export interface FileVersion {
  mtimeMs: number;
  size: number;
}

interface Entry<T> {
  mtimeMs: number;
  size: number;
  value: Promise<T>;
  bytes: number;
}

export class FileDerivedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private totalBytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly bytesOf: (value: T) => number,
  ) {}

  /** Concurrent requests for the same version share one computation; a failed one is not kept. */
  get(key: string, version: FileVersion, compute: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found && found.mtimeMs === version.mtimeMs && found.size === version.size) {
      // Re-inserting moves it to the young end of the Map's order, which is what eviction walks from the old end.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.value;
    }
    if (found) this.remove(key, found);
    const entry: Entry<T> = { mtimeMs: version.mtimeMs, size: version.size, value: compute(), bytes: 0 };
    this.entries.set(key, entry);
    entry.value.then(
      (value) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = this.bytesOf(value);
        this.totalBytes += entry.bytes;
        this.evictBeyondLimit();
      },
      () => {
        if (this.entries.get(key) === entry) this.remove(key, entry);
      },
    );
    return entry.value;
  }

  get byteSize(): number {
    return this.totalBytes;
  }

  private evictBeyondLimit() {
    for (const [key, entry] of this.entries) {
      if (this.totalBytes <= this.maxBytes) return;
      this.remove(key, entry);
    }
  }

  private remove(key: string, entry: Entry<T>) {
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }
}
