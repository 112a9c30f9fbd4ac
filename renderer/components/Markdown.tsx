/**
 * Markdown drawn as React elements only, from the blocks renderer/lib/markdown.ts reads: safe to show whatever a
 * post-mortem or a workspace's doc says, since no text ever reaches the DOM as HTML. https links open in the system
 * browser (the shell routes new windows there); every other link stays text.
 *
 * It emits bare elements (h3–h6, p, ul/ol, blockquote, hr) plus `pre.markdown-code` and `table.markdown-table`:
 * each screen styles them under its own `className`. Import it only from lazily loaded screens, so it stays out of
 * the Overview's first bundle.
 */
import { Fragment, type ReactNode, useMemo } from 'react';
import { type Block, type Inline, markdownBlocks } from '../lib/markdown';

function inlines(parts: readonly Inline[]): ReactNode[] {
  return parts.map((part, i) => {
    switch (part.kind) {
      case 'strong':
        return <strong key={i}>{part.text}</strong>;
      case 'em':
        return <em key={i}>{part.text}</em>;
      case 'code':
        return <code key={i}>{part.text}</code>;
      case 'link':
        return (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer" title={part.href}>
            {part.text}
          </a>
        );
      default:
        return <Fragment key={i}>{part.text}</Fragment>;
    }
  });
}

/** The text's own headings sit under the screen's h1 and the card's h2: `#` reads as the first level below them. */
function Heading({ level, children }: { level: 1 | 2 | 3 | 4; children: ReactNode }) {
  if (level === 1) return <h3>{children}</h3>;
  if (level === 2) return <h4>{children}</h4>;
  if (level === 3) return <h5>{children}</h5>;
  return <h6>{children}</h6>;
}

function TaskBox({ checked }: { checked: boolean }) {
  return (
    <>
      <span className="markdown-task" aria-hidden="true">
        {checked ? '☑ ' : '☐ '}
      </span>
      <span className="sr-only">{checked ? 'Done: ' : 'To do: '}</span>
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading':
      return <Heading level={block.level}>{inlines(block.inline)}</Heading>;
    case 'paragraph':
      return <p>{inlines(block.inline)}</p>;
    case 'quote':
      return (
        <blockquote>
          {block.paragraphs.map((p, i) => (
            <p key={i}>{inlines(p)}</p>
          ))}
        </blockquote>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          {item.checked === null ? null : <TaskBox checked={item.checked} />}
          {inlines(item.inline)}
        </li>
      ));
      return block.ordered ? <ol start={block.start === 1 ? undefined : block.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <div className="table-wrap">
          <table className="table markdown-table">
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  <th key={i} scope="col">
                    {inlines(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>{inlines(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'code':
      return (
        <pre className="markdown-code" aria-label={block.language ? `${block.language} example` : undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr />;
  }
}

export function Markdown({
  markdown,
  className,
  label,
  as: Root = 'div',
  empty = null,
}: {
  markdown: string;
  /** The screen's class for the root, under which it styles the elements. */
  className?: string;
  /** An accessible name for the root (a doc in a card). */
  label?: string;
  as?: 'div' | 'article';
  /** What to show when the text has nothing to read. */
  empty?: ReactNode;
}) {
  const blocks = useMemo(() => markdownBlocks(markdown), [markdown]);
  if (blocks.length === 0 && empty !== null) return <>{empty}</>;
  return (
    <Root className={className} aria-label={label}>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </Root>
  );
}
