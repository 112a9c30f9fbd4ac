/**
 * The post-mortem: read as text (headings, lists, tables drawn from its Markdown, never as HTML), edited as
 * Markdown in a textarea and saved with the incident; copied or saved as a file through `incidents.postmortem`,
 * which adds the action items.
 */
import { Fragment, useId, useState } from 'react';
import { type Incident } from '../../../shared/model/incidents';
import { reportError } from '../../store/actions';
import { saveText } from '../drills/save-text';
import { fetchPostmortem, savePostmortem } from './actions';
import { type Block, type Inline, markdownBlocks } from './markdown-blocks';
import { useIncidents } from './store';

function InlineText({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'strong' ? (
          <strong key={i}>{p.text}</strong>
        ) : p.kind === 'em' ? (
          <em key={i}>{p.text}</em>
        ) : p.kind === 'code' ? (
          <code key={i}>{p.text}</code>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading': {
      // The page's h1 is the screen, h2 the incident and the cards: the post-mortem's own headings sit below.
      const Tag = block.level === 1 ? 'h3' : 'h4';
      return (
        <Tag className={`postmortem-h${block.level}`}>
          <InlineText parts={block.inline} />
        </Tag>
      );
    }
    case 'paragraph':
      return (
        <p>
          <InlineText parts={block.inline} />
        </p>
      );
    case 'quote':
      return (
        <blockquote className="postmortem-quote">
          <InlineText parts={block.inline} />
        </blockquote>
      );
    case 'list': {
      const Tag = block.ordered ? 'ol' : 'ul';
      return (
        <Tag>
          {block.items.map((item, i) => (
            <li key={i}>
              {item.checked === null ? null : <span aria-hidden="true">{item.checked ? '☑ ' : '☐ '}</span>}
              <InlineText parts={item.inline} />
            </li>
          ))}
        </Tag>
      );
    }
    case 'table':
      return (
        <div className="table-wrap">
          <table className="table postmortem-table">
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  <th key={i} scope="col">
                    <InlineText parts={cell} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>
                      <InlineText parts={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'code':
      return <pre className="postmortem-code">{block.text}</pre>;
  }
}

export function PostmortemText({ markdown }: { markdown: string }) {
  const blocks = markdownBlocks(markdown);
  if (blocks.length === 0) return <p className="muted">The post-mortem is empty. Edit it to say what happened.</p>;
  return (
    <div className="postmortem-text">
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </div>
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
