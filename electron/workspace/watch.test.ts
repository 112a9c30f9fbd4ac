import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileWatcher, watchFile } from './watch';

const DEBOUNCE_MS = 30;

describe('watchFile', () => {
  let dir: string;
  let watcher: FileWatcher | undefined;
  let sentinel: FileWatcher | undefined;
  let calls: number;
  let waiting: { count: number; resolve: () => void } | undefined;
  let settle: (() => Promise<void>) | undefined;

  /** Resolves once the callback has fired `count` times in total (the test then asserts the exact count). */
  const calledTimes = (count: number) =>
    new Promise<void>((resolve) => {
      if (calls >= count) resolve();
      else waiting = { count, resolve };
    });
  const onChange = () => {
    calls += 1;
    if (waiting && calls >= waiting.count) waiting.resolve();
  };

  /**
   * Starts a second watcher, on a file of its own in `where`, with the same debounce: call it after the watcher
   * under test was started. fs.watch hands each OS event to the watchers in the order they were started, and a
   * debounce timer of the same length started later fires later, so once this one has reported a change of its
   * own file, the watcher under test has handled every event that came before it — a callback it was going to
   * make has been made, and a callback it has not made is one it will not make for those events.
   */
  const startSettle = (where: string) => {
    const file = join(where, 'settle.txt');
    let rounds = 0;
    let heard = 0;
    let wake: (() => void) | undefined;
    writeFileSync(file, '0');
    sentinel = watchFile(
      file,
      () => {
        heard += 1;
        wake?.();
      },
      { debounceMs: DEBOUNCE_MS },
    );
    settle = async () => {
      rounds += 1;
      const round = rounds;
      writeFileSync(file, String(round));
      while (heard < round) await new Promise<void>((resolve) => (wake = resolve));
    };
  };
  /** Resolves once the watcher under test has handled every file event so far (see startSettle). */
  const settled = () => {
    if (!settle) throw new Error('startSettle() first');
    return settle();
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-watch-'));
    calls = 0;
    waiting = undefined;
    settle = undefined;
  });
  afterEach(() => {
    watcher?.close();
    sentinel?.close();
    watcher = undefined;
    sentinel = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a save made by renaming a temporary file over the original, once', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'a: 1\n');
    watcher = watchFile(file, onChange, { debounceMs: DEBOUNCE_MS });
    startSettle(dir);
    writeFileSync(join(dir, 'cockpit.yaml.tmp'), 'a: 2\n');
    renameSync(join(dir, 'cockpit.yaml.tmp'), file);
    await calledTimes(1);
    await settled();
    expect(calls).toBe(1);
    // A write with the same content is not a change; the next real change is the second call.
    writeFileSync(file, 'a: 2\n');
    await settled();
    expect(calls).toBe(1);
    writeFileSync(file, 'a: 3\n');
    await calledTimes(2);
    await settled();
    expect(calls).toBe(2);
  });

  it('ignores other files in the directory', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'a: 1\n');
    watcher = watchFile(file, onChange, { debounceMs: DEBOUNCE_MS });
    startSettle(dir);
    writeFileSync(join(dir, 'notes.txt'), 'x');
    await settled();
    expect(calls).toBe(0);
    writeFileSync(file, 'a: 2\n');
    await calledTimes(1);
    await settled();
    expect(calls).toBe(1);
  });

  it('re-arms when the directory is removed and created again', async () => {
    const sub = join(dir, 'infra');
    const file = join(sub, 'cockpit.yaml');
    mkdirSync(sub);
    writeFileSync(file, 'a: 1\n');
    watcher = watchFile(file, onChange, { debounceMs: DEBOUNCE_MS, rearmMs: 50 });
    // Beside the folder that goes away: fs.watch keeps one queue of events for every folder watched.
    startSettle(dir);
    rmSync(sub, { recursive: true });
    await calledTimes(1); // the file disappeared
    await settled();
    expect(calls).toBe(1);
    mkdirSync(sub);
    writeFileSync(file, 'a: 2\n');
    await calledTimes(2); // and came back, seen through a new watch
    await settled();
    expect(calls).toBe(2);
    writeFileSync(file, 'a: 3\n');
    await calledTimes(3);
    await settled();
    expect(calls).toBe(3);
  });

  it('stops when closed', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'a: 1\n');
    watcher = watchFile(file, onChange, { debounceMs: DEBOUNCE_MS });
    startSettle(dir);
    watcher.close();
    writeFileSync(file, 'a: 2\n');
    await settled();
    expect(calls).toBe(0);
  });
});
