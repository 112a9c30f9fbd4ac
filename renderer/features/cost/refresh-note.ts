/** The line after a Refresh or Force refresh. Pure and unit-tested. */
import { type CostRefreshNote } from '../../store/cost-slice';

/** What the last Refresh did: what it sent, or what failed (never "all fresh" when it failed). */
export function refreshNoteText(note: CostRefreshNote): string {
  const sent =
    note.requests === null
      ? null
      : note.requests === 0
        ? 'nothing was sent'
        : `${note.requests} request${note.requests === 1 ? ' was' : 's were'} sent`;
  if (note.failed !== undefined) {
    const reason = note.failed.trim();
    return `Refresh failed${sent ? ` (${sent})` : ''}: ${reason}${/[.!?)]$/.test(reason) ? '' : '.'}`;
  }
  if (note.requests === 0) return 'Refreshed: everything was fresh in the cache, nothing sent.';
  return `Refreshed: ${note.requests} request${note.requests === 1 ? '' : 's'} sent.`;
}
