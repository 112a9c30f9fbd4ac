/**
 * A runbook's doc, rendered from Markdown as React elements only (see markdown.ts): safe to show whatever the
 * workspace's Markdown file says. Links open in the system browser (the shell routes new windows there).
 */
import { Fragment, type ReactNode, useMemo } from 'react';
import { type Block, type Inline, markdownBlocks } from './markdown';

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

/** The doc's own headings sit under the card's title: `#` reads as the doc's first level below it. */
function Heading({ level, children }: { level: 1 | 2 | 3 | 4; children: ReactNode }) {
  if (level === 1) return <h3>{children}</h3>;
  if (level === 2) return <h4>{children}</h4>;
  if (level === 3) return <h5>{children}</h5>;
  return <h6>{children}</h6>;
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
      const items = block.items.map((item, i) => <li key={i}>{inlines(item)}</li>);
      return block.ordered ? <ol start={block.start === 1 ? undefined : block.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'code':
      return (
        <pre className="runbook-doc-code" aria-label={block.language ? `${block.language} example` : undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr />;
  }
}

export function MarkdownDoc({ markdown, label }: { markdown: string; label: string }) {
  const blocks = useMemo(() => markdownBlocks(markdown), [markdown]);
  return (
    <article className="runbook-doc" aria-label={label}>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </article>
  );
}
