import { describe, expect, it } from 'vitest';
import { draftProblems, draftsChanged, draftsFrom, emptyDraft, toInput } from './action-items';

const saved = [{ id: 'a1', text: 'Add a deploy gate', owner: 'ana', due: '2026-12-20', done: false }];

describe('the action items draft', () => {
  it('says what is wrong with a row in words', () => {
    const blank = emptyDraft();
    const badDate = { ...emptyDraft(), text: 'Lower retries', due: '20/12/2026' };
    const problems = draftProblems([...draftsFrom(saved), blank, badDate]);
    expect(problems).toEqual({
      [blank.key]: 'Say what is to be done, or remove this item.',
      [badDate.key]: 'Give the due date as YYYY-MM-DD.',
    });
  });

  it('saves trimmed text, no owner or due date as null, and keeps the ids of saved rows', () => {
    const rows = [...draftsFrom(saved), { ...emptyDraft(), text: '  Page the on-call  ', owner: ' ' }];
    expect(toInput(rows)).toEqual([
      { id: 'a1', text: 'Add a deploy gate', owner: 'ana', due: '2026-12-20', done: false },
      { text: 'Page the on-call', owner: null, due: null, done: false },
    ]);
  });

  it('never sends more than three', () => {
    const four = Array.from({ length: 4 }, (_, i) => ({ ...emptyDraft(), text: `item ${i}` }));
    expect(toInput(four)).toHaveLength(3);
  });

  it('knows when there is something to save', () => {
    const rows = draftsFrom(saved);
    const first = rows[0];
    if (!first) throw new Error('no draft row');
    expect(draftsChanged(rows, saved)).toBe(false);
    expect(draftsChanged([{ ...first, done: true }], saved)).toBe(true);
    expect(draftsChanged([], saved)).toBe(true);
  });
});
