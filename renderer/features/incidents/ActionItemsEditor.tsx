/**
 * The post-mortem's action items, at most three: what, who, by when, done. Edited as a draft and saved together,
 * so a half-typed row never reaches the backend; the problems are said next to the row.
 */
import { useState } from 'react';
import { type Incident } from '../../../shared/model/incidents';
import { savePostmortem } from './actions';
import {
  type ActionItemDraft,
  MAX_ACTION_ITEMS,
  draftProblems,
  draftsChanged,
  draftsFrom,
  emptyDraft,
  toInput,
} from './action-items';
import { useClock } from '../../components/now';
import { dueText, isOverdue } from './incident-format';
import { useIncidents } from './store';

export function ActionItemsEditor({ incident }: { incident: Incident }) {
  const saving = useIncidents((s) => s.saving.includes(incident.id));
  const [drafts, setDrafts] = useState<ActionItemDraft[]>(() => draftsFrom(incident.actionItems));
  const [tried, setTried] = useState(false);
  const now = useClock(false);
  const changed = draftsChanged(drafts, incident.actionItems);
  // A save elsewhere (another window, the CLI) replaces an untouched draft; a draft being edited is kept.
  const [base, setBase] = useState(incident.actionItems);
  if (base !== incident.actionItems) {
    if (!draftsChanged(drafts, base)) setDrafts(draftsFrom(incident.actionItems));
    setBase(incident.actionItems);
  }
  const problems = draftProblems(drafts);
  const update = (key: string, change: Partial<ActionItemDraft>) =>
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...change } : d)));
  const save = async () => {
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    if (!(await savePostmortem(incident.id, { actionItems: toInput(drafts) }))) return;
    setTried(false);
    // New rows got their ids: edit what was saved from now on.
    const saved = useIncidents.getState().incidents[incident.id];
    if (saved) setDrafts(draftsFrom(saved.actionItems));
  };
  return (
    <form
      className="action-items"
      aria-label="Action items"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {drafts.length === 0 ? (
        <p className="muted">No action item yet. Add what would stop this from happening again.</p>
      ) : (
        <ol className="action-items-list">
          {drafts.map((d, index) => {
            const n = index + 1;
            const problem = tried ? problems[d.key] : undefined;
            const overdue = d.id !== null && isOverdue({ due: d.due || null, done: d.done }, now);
            return (
              <li key={d.key} className={d.done ? 'action-item is-done' : 'action-item'}>
                <div className="action-item-main">
                  <input
                    type="checkbox"
                    checked={d.done}
                    onChange={(e) => update(d.key, { done: e.target.checked })}
                    aria-label={`Action item ${n} done`}
                  />
                  <input
                    className="input action-item-text"
                    value={d.text}
                    onChange={(e) => update(d.key, { text: e.target.value })}
                    placeholder="What is to be done"
                    aria-label={`Action item ${n}`}
                    aria-invalid={problem ? true : undefined}
                    maxLength={500}
                  />
                </div>
                <div className="action-item-meta">
                  <input
                    className="input action-item-owner"
                    value={d.owner}
                    onChange={(e) => update(d.key, { owner: e.target.value })}
                    placeholder="Owner"
                    aria-label={`Owner of action item ${n}`}
                    maxLength={100}
                  />
                  <input
                    type="date"
                    className="input action-item-due"
                    value={d.due}
                    onChange={(e) => update(d.key, { due: e.target.value })}
                    aria-label={`Due date of action item ${n}`}
                  />
                  {d.due ? (
                    <span className={overdue ? 'text-bad action-item-due-text' : 'muted action-item-due-text'}>
                      {dueText({ due: d.due, done: d.done }, now)}
                    </span>
                  ) : null}
                  <button
                    type="button"
                    className="btn btn-ghost btn-xs"
                    onClick={() => setDrafts((list) => list.filter((x) => x.key !== d.key))}
                    aria-label={`Remove action item ${n}`}
                  >
                    Remove
                  </button>
                </div>
                {problem ? <p className="text-bad action-item-problem">{problem}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
      <div className="action-items-foot">
        <button
          type="button"
          className="btn btn-sm"
          disabled={drafts.length >= MAX_ACTION_ITEMS}
          onClick={() => setDrafts((list) => [...list, emptyDraft()])}
          title={drafts.length >= MAX_ACTION_ITEMS ? 'Three at most: keep the ones that matter' : undefined}
        >
          Add action item
        </button>
        <button type="submit" className="btn btn-primary btn-sm" disabled={saving || !changed}>
          {saving ? 'Saving…' : 'Save action items'}
        </button>
        {drafts.length >= MAX_ACTION_ITEMS ? <span className="muted">Three at most.</span> : null}
      </div>
    </form>
  );
}
