/**
 * The post-mortem: read as text (headings, lists, tables and https links drawn from its Markdown by
 * components/Markdown, never as HTML), edited as Markdown in a textarea and saved with the incident; copied or saved
 * as a file through `incidents.postmortem`, which adds the action items.
 */
import { useId, useState } from 'react';
import { type Incident } from '../../../shared/model/incidents';
import { Markdown } from '../../components/Markdown';
import { reportError } from '../../store/actions';
import { saveText } from '../drills/save-text';
import { fetchPostmortem, savePostmortem } from './actions';
import { useIncidents } from './store';

export function PostmortemText({ markdown }: { markdown: string }) {
  return (
    <Markdown
      markdown={markdown}
      className="postmortem-text"
      empty={<p className="muted">The post-mortem is empty. Edit it to say what happened.</p>}
    />
  );
}

function ExportButtons({ id }: { id: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const doc = await fetchPostmortem(id);
    if (!doc) return;
    try {
      await navigator.clipboard.writeText(doc.markdown);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (error) {
      reportError('Could not copy to the clipboard', error);
    }
  };
  const save = async () => {
    const doc = await fetchPostmortem(id);
    if (doc) saveText(doc.fileName, doc.markdown, 'text/markdown');
  };
  return (
    <>
      <button type="button" className="btn btn-sm" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy Markdown'}
      </button>
      <button type="button" className="btn btn-sm" onClick={() => void save()}>
        Save as file
      </button>
    </>
  );
}

export function PostmortemEditor({ incident }: { incident: Incident }) {
  const saving = useIncidents((s) => s.saving.includes(incident.id));
  const [draft, setDraft] = useState<string | null>(null);
  const fieldId = useId();
  const editing = draft !== null;
  const save = async () => {
    if (draft === null) return;
    if (await savePostmortem(incident.id, { markdown: draft })) setDraft(null);
  };
  return (
    <div className="postmortem">
      <div className="postmortem-actions">
        {editing ? (
          <>
            <button
              type="button"
              className="btn btn-primary btn-sm"
              disabled={saving || draft === incident.postmortem.markdown}
              onClick={() => void save()}
            >
              {saving ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="btn btn-sm" onClick={() => setDraft(null)} disabled={saving}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-sm" onClick={() => setDraft(incident.postmortem.markdown)}>
            Edit
          </button>
        )}
        <span className="postmortem-spacer" />
        <ExportButtons id={incident.id} />
      </div>
      {editing ? (
        <>
          <label htmlFor={fieldId} className="field-label">
            Post-mortem (Markdown)
          </label>
          <textarea
            id={fieldId}
            className="input postmortem-input"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={18}
            spellCheck
          />
        </>
      ) : (
        <PostmortemText markdown={incident.postmortem.markdown} />
      )}
    </div>
  );
}
