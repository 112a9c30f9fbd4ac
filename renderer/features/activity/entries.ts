/** How a journal entry's structured data is shown: pretty JSON, or nothing when there is none. */
import { type JournalEntry } from '../../../shared/model/journal';

export function entryData(entry: JournalEntry): string | null {
  if (!entry.data || Object.keys(entry.data).length === 0) return null;
  try {
    return JSON.stringify(entry.data, null, 2);
  } catch {
    return String(entry.data);
  }
}
