/**
 * The checklist: what is not ready first (red, then amber), each with its evidence and the way to fix it; the ready
 * items folded under "9 items ready". Every status shows a shape and a word, not only a colour.
 */
import { type ReadinessItem } from '../../../shared/model/readiness';
import { Card } from '../../components/Card';
import { checklist, checklistSummary, evidenceParts, fixHref, readyCountText, statusMarks } from './readiness-model';

function ItemRow({ item }: { item: ReadinessItem }) {
  const mark = statusMarks[item.status];
  return (
    <li className={`readiness-item is-${mark.tone}`} aria-label={`${item.title}: ${mark.word}`}>
      <span className={`readiness-mark is-${mark.tone}`}>
        <span className="readiness-mark-symbol" aria-hidden="true">
          {mark.symbol}
        </span>
        {mark.word}
      </span>
      <div className="readiness-item-main">
        <p className="readiness-item-title">
          {item.title} <code className="readiness-item-id">{item.id}</code>
        </p>
        <p className="readiness-item-evidence">
          {evidenceParts(item.evidence).map((part, i) =>
            part.code ? <code key={i}>{part.text}</code> : <span key={i}>{part.text}</span>,
          )}
        </p>
      </div>
      {item.fix ? (
        <a className="btn btn-sm readiness-fix" href={fixHref(item.fix)}>
          {item.fix.label}
        </a>
      ) : null}
    </li>
  );
}

export function ReadinessChecklist({ items }: { items: readonly ReadinessItem[] }) {
  const { toFix, ready } = checklist(items);
  return (
    <Card title="Checklist" meta={checklistSummary(items)}>
      {toFix.length > 0 ? (
        <ul className="readiness-items" aria-label="Not ready yet">
          {toFix.map((item) => (
            <ItemRow key={item.id} item={item} />
          ))}
        </ul>
      ) : (
        <p className="readiness-all-ready">
          Every item is ready. Keep it so: the score is recomputed as things change.
        </p>
      )}
      {ready.length > 0 ? (
        <details className="readiness-ready">
          <summary>{readyCountText(ready.length)}</summary>
          <ul className="readiness-items" aria-label="Ready">
            {ready.map((item) => (
              <ItemRow key={item.id} item={item} />
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
