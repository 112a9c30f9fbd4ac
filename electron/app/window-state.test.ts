import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultWindowState, loadWindowState, saveWindowState } from './window-state';

describe('window state', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-window-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const screen = { x: 0, y: 0, width: 1920, height: 1080 };

  it('gives the defaults when nothing (or garbage) was saved', () => {
    const file = join(dir, 'window-state.json');
    expect(loadWindowState(file, [screen])).toEqual(defaultWindowState);
    writeFileSync(file, '{ not json');
    expect(loadWindowState(file, [screen])).toEqual(defaultWindowState);
    writeFileSync(file, JSON.stringify({ width: 'wide' }));
    expect(loadWindowState(file, [screen])).toEqual(defaultWindowState);
  });

  it('remembers bounds and maximized across a restart', () => {
    const file = join(dir, 'nested', 'window-state.json');
    saveWindowState(file, { x: 100.4, y: 80, width: 1400, height: 900 }, true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      x: 100,
      y: 80,
      width: 1400,
      height: 900,
      maximized: true,
    });
    expect(loadWindowState(file, [screen])).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
  });

  it('drops a position that is on no screen any more, keeping the size', () => {
    const file = join(dir, 'window-state.json');
    saveWindowState(file, { x: 2500, y: 100, width: 1000, height: 700 }, false);
    expect(loadWindowState(file, [screen])).toEqual({ width: 1000, height: 700, maximized: false });
    expect(loadWindowState(file, [screen, { x: 1920, y: 0, width: 1920, height: 1080 }])).toMatchObject({ x: 2500 });
  });
});
