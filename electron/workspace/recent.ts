/**
 * The recent-workspaces list, kept in the journal's settings: newest first, one entry per file, at most ten, and
 * only files that loaded (a path that never worked is not worth offering again).
 */
import { type RecentWorkspace, recentWorkspaceSchema } from '../../shared/model/workspace-state';
import { type Journal } from '../journal/types';

export const RECENT_SETTING = 'recentWorkspaces';
export const MAX_RECENT = 10;

export function readRecent(journal: Journal): RecentWorkspace[] {
  const stored = journal.getSetting<unknown>(RECENT_SETTING);
  if (!Array.isArray(stored)) return [];
  // Settings outlive versions of the app; skip entries an older or newer build wrote in another shape.
  return stored.flatMap((entry) => {
    const parsed = recentWorkspaceSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export function rememberRecent(journal: Journal, entry: RecentWorkspace): RecentWorkspace[] {
  const next = [entry, ...readRecent(journal).filter((item) => item.path !== entry.path)].slice(0, MAX_RECENT);
  journal.setSetting(RECENT_SETTING, next);
  return next;
}
