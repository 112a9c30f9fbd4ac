/**
 * How the Activity list changes as pages arrive and live events come in. Pure functions over arrays, so the
 * ordering rules (newest first, no duplicates, the kind filter respected) are unit-tested.
 */
import { type JournalAction, type JournalEntry } from '../../shared/model/journal';

/** Newest first by start time; ties broken by id so the order is stable. */
export function compareNewestFirst(a: JournalAction, b: JournalAction): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * A live `journal.action` event: replaces the action if it is listed, otherwise adds it in its place. Actions of
 * another kind than the filter are left out; an unlisted action older than the last loaded one belongs to a page
 * not loaded yet, so it is left for "Load more" instead of appearing out of order.
 */
export function upsertAction(
  list: readonly JournalAction[],
  action: JournalAction,
  options: { kind?: string | null; hasMore?: boolean } = {},
): JournalAction[] {
  const index = list.findIndex((a) => a.id === action.id);
  if (index >= 0) {
    const next = list.slice();
    next[index] = action;
    return next;
  }
  if (options.kind && action.kind !== options.kind) return list.slice();
  const oldest = list[list.length - 1];
  if (options.hasMore && oldest && compareNewestFirst(action, oldest) > 0) return list.slice();
  return [...list, action].sort(compareNewestFirst);
}

/** Appends a page from "Load more", dropping any action already shown (it may have arrived live). */
export function appendPage(list: readonly JournalAction[], page: readonly JournalAction[]): JournalAction[] {
  const seen = new Set(list.map((a) => a.id));
  return [...list, ...page.filter((a) => !seen.has(a.id))].sort(compareNewestFirst);
}

/** A live `journal.entry` for the action on screen: in sequence order, each entry once. */
export function appendEntry(entries: readonly JournalEntry[], entry: JournalEntry): JournalEntry[] {
  if (entries.some((e) => e.seq === entry.seq && e.actionId === entry.actionId)) return entries.slice();
  return [...entries, entry].sort((a, b) => a.seq - b.seq);
}

/** Every kind seen so far, sorted, for the filter's options. */
export function mergeKinds(known: readonly string[], actions: readonly JournalAction[]): string[] {
  const all = new Set(known);
  for (const action of actions) all.add(action.kind);
  return [...all].sort();
}

/** The `before` cursor for the next page: the start time of the oldest action listed. */
export function pageCursor(list: readonly JournalAction[]): string | undefined {
  return list[list.length - 1]?.startedAt;
}
