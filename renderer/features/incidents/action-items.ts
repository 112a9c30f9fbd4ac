/**
 * The action items editor's draft: rows a person edits before Save, checked here with the words the screen shows,
 * then turned into what `incidents.savePostmortem` accepts. Pure, so unit-tested.
 */
import { type ActionItem } from '../../../shared/model/incidents';

/** At most three: the ones that matter (the contract refuses more). */
export const MAX_ACTION_ITEMS = 3;

export interface ActionItemDraft {
  /** Stable React key, also for rows not saved yet. */
  key: string;
  /** Null for a row added here and not saved yet. */
  id: string | null;
  text: string;
  owner: string;
  /** YYYY-MM-DD, or '' for none. */
  due: string;
  done: boolean;
}

export interface ActionItemInput {
  id?: string;
  text: string;
  owner: string | null;
  due: string | null;
  done: boolean;
}

export function draftsFrom(items: readonly ActionItem[]): ActionItemDraft[] {
  return items.map((item) => ({
    key: item.id,
    id: item.id,
    text: item.text,
    owner: item.owner ?? '',
    due: item.due ?? '',
    done: item.done,
  }));
}

let counter = 0;

export function emptyDraft(): ActionItemDraft {
  counter += 1;
  return { key: `new-${counter}`, id: null, text: '', owner: '', due: '', done: false };
}

/** What is wrong with the drafts, per row key, in words; empty when they can be saved. */
export function draftProblems(drafts: readonly ActionItemDraft[]): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const d of drafts) {
    if (d.text.trim() === '') problems[d.key] = 'Say what is to be done, or remove this item.';
    else if (d.text.trim().length > 500) problems[d.key] = 'Keep it under 500 characters.';
    else if (d.due !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(d.due)) problems[d.key] = 'Give the due date as YYYY-MM-DD.';
  }
  return problems;
}

export function toInput(drafts: readonly ActionItemDraft[]): ActionItemInput[] {
  return drafts.slice(0, MAX_ACTION_ITEMS).map((d) => ({
    ...(d.id ? { id: d.id } : {}),
    text: d.text.trim(),
    owner: d.owner.trim() === '' ? null : d.owner.trim(),
    due: d.due === '' ? null : d.due,
    done: d.done,
  }));
}

/** Whether the drafts differ from what is saved (the Save button says so). */
export function draftsChanged(drafts: readonly ActionItemDraft[], saved: readonly ActionItem[]): boolean {
  const a = JSON.stringify(toInput(drafts));
  const b = JSON.stringify(toInput(draftsFrom(saved)));
  return a !== b;
}
