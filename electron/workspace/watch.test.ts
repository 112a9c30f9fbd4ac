import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileWatcher, watchFile } from './watch';

describe('watchFile', () => {
  let dir: string;
  let watcher: FileWatcher | undefined;
  let calls: number;
  let waiting: { count: number; resolve: () => void } | undefined;

  /** Resolves once the callback has fired `count` times in total. */
  const calledTimes = (count: number) =>
    new Promise<void>((resolve) => {
      if (calls >= count) resolve();
      else waiting = { count, resolve };
    });
  const onChange = () => {
    calls += 1;
    if (waiting && calls >= waiting.count) waiting.resolve();
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-watch-'));
    calls = 0;
    waiting = undefined;
  });
  afterEach(() => {
    watcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a save made by renaming a temporary file over the original, once', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'a: 1\n');
    watcher = watchFile(file, onChange, { debounceMs: 30 });
    writeFileSync(join(dir, 'cockpit.yaml.tmp'), 'a: 2\n');
    renameSync(join(dir, 'cockpit.yaml.tmp'), file);
    await calledTimes(1);
    // A write with the same content is not a change; the next real change is the second call.
    writeFileSync(file, 'a: 2\n');
    await sleep(150);
    writeFileSync(file, 'a: 3\n');
    await calledTimes(2);
    expect(calls).toBe(2);
  });

  it('ignores other files in the directory', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'a: 1\n');
    watcher = watchFile(file, onChange, { debounceMs: 30 });
    writeFileSync(join(dir, 'notes.txt'), 'x');
    await sleep(150);
    writeFileSync(file, 'a: 2\n');
    await calledTimes(1);
    expect(calls).toBe(1);
  });

  it('re-arms when the directory is removed and created again', async () => {
    const sub = join(dir, 'infra');
    const file = join(sub, 'cockpit.yaml');
    mkdirSync(sub);
    writeFileSync(file, 'a: 1\n');
    watcher = watchFile(file, onChange, { debounceMs: 30, rearmMs: 50 });
    rmSync(sub, { recursive: true });
    await calledTimes(1); // the file disappeared
    mkdirSync(sub);
    writeFileSync(file, 'a: 2\n');
    await calledTimes(2); // and came back, seen through a new watch
    writeFileSync(file, 'a: 3\n');
    await calledTimes(3);
  });

  it('stops when closed', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'a: 1\n');
    watcher = watchFile(file, onChange, { debounceMs: 30 });
    watcher.close();
    writeFileSync(file, 'a: 2\n');
    await sleep(150);
    expect(calls).toBe(0);
  });
});
