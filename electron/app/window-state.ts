/**
 * Where the main window was: a small JSON file in the user-data folder, read at start and written on close. A
 * saved position that is no longer on any screen (a monitor was unplugged) is dropped so the window never opens
 * out of sight; the size is kept.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { log } from '../log';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const defaultWindowState: WindowState = { width: 1280, height: 820, maximized: false };
export const minimumSize = { width: 900, height: 600 };

const stateSchema = z.object({
  width: z.number().int().min(minimumSize.width).max(20_000),
  height: z.number().int().min(minimumSize.height).max(20_000),
  x: z.number().int().min(-50_000).max(50_000).optional(),
  y: z.number().int().min(-50_000).max(50_000).optional(),
  maximized: z.boolean().default(false),
});

/** Reads the saved state; anything missing, unreadable or odd gives the defaults (never an error at start). */
export function loadWindowState(file: string, workAreas: Rect[]): WindowState {
  let saved: WindowState;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) return { ...defaultWindowState };
    saved = parsed.data;
  } catch {
    return { ...defaultWindowState };
  }
  if (saved.x === undefined || saved.y === undefined)
    return { width: saved.width, height: saved.height, maximized: saved.maximized };
  const rect = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  if (workAreas.some((area) => visiblyOverlaps(rect, area))) return saved;
  return { width: saved.width, height: saved.height, maximized: saved.maximized };
}

/** Writes atomically (temp file + rename) so a crash mid-write leaves the old state, not half a file. */
export function saveWindowState(file: string, bounds: Rect, maximized: boolean): void {
  const state: WindowState = {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.max(minimumSize.width, Math.round(bounds.width)),
    height: Math.max(minimumSize.height, Math.round(bounds.height)),
    maximized,
  };
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(temp, file);
  } catch (error) {
    // Losing the window position is not worth failing a quit over.
    log.warn('[cockpit] could not save the window position:', error);
  }
}

/** Enough of the title bar is on the screen to grab the window: at least 100 × 40 px of overlap. */
function visiblyOverlaps(a: Rect, b: Rect): boolean {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width >= 100 && height >= 40;
}
