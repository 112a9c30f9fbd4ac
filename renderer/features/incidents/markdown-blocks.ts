/**
 * The post-mortem's Markdown as readable blocks (headings, paragraphs, lists, tables as rows of cells) for the
 * page to render as plain React elements: no HTML from the text ever reaches the DOM. Only the few constructs a
 * post-mortem uses are read; anything else stays a paragraph of its own words.
 */

export type Inline = { kind: 'text' | 'strong' | 'em' | 'code'; text: string };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'quote'; inline: Inline[] }
  | { kind: 'list'; ordered: boolean; items: { checked: boolean | null; inline: Inline[] }[] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] }
  | { kind: 'code'; text: string };

/**
 * `**bold**`, `_emphasis_`, `` `code` `` and `[text](url)` (the link shown as its text): enough for a generated
 * draft and what people type into it.
 */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /\*\*([^*]+)\*\*|`([^`]+)`|\[([^\]]+)\]\([^)]*\)|(?<![\w])_([^_]+)_(?![\w])/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    if (match[1] !== undefined) out.push({ kind: 'strong', text: match[1] });
    else if (match[2] !== undefined) out.push({ kind: 'code', text: match[2] });
    else if (match[3] !== undefined) out.push({ kind: 'text', text: match[3] });
    else out.push({ kind: 'em', text: match[4] ?? '' });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return merged(out);
}

/** Adjacent plain runs (a link between words, a line continued) read as one. */
function merged(parts: readonly Inline[]): Inline[] {
  return parts.reduce<Inline[]>((acc, part) => {
    const prev = acc.at(-1);
    if (prev?.kind === 'text' && part.kind === 'text') prev.text += part.text;
    else acc.push({ ...part });
    return acc;
  }, []);
}

const listItem = /^\s*(?:([-*+])|(\d+)[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/;
const tableRow = /^\s*\|.*\|\s*$/;
const tableRule = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function cells(line: string): Inline[][] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => parseInline(cell.trim()));
}

export function markdownBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', inline: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (/^\s*```/.test(line)) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      const level = Math.min(3, heading[1]?.length ?? 1) as 1 | 2 | 3;
      blocks.push({ kind: 'heading', level, inline: parseInline(heading[2] ?? '') });
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote) {
      flush();
      const previous = blocks.at(-1);
      const text = quote[1] ?? '';
      // Consecutive quoted lines are one quote.
      if (previous?.kind === 'quote') previous.inline = merged([...previous.inline, ...parseInline(` ${text}`)]);
      else blocks.push({ kind: 'quote', inline: parseInline(text) });
      continue;
    }
    const item = listItem.exec(line);
    if (item) {
      flush();
      const ordered = item[2] !== undefined;
      const checked = item[3] === undefined ? null : item[3].toLowerCase() === 'x';
      const previous = blocks.at(-1);
      const entry = { checked, inline: parseInline(item[4] ?? '') };
      if (previous?.kind === 'list' && previous.ordered === ordered) previous.items.push(entry);
      else blocks.push({ kind: 'list', ordered, items: [entry] });
      continue;
    }
    if (tableRow.test(line) && tableRule.test(lines[i + 1] ?? '')) {
      flush();
      const header = cells(line);
      const rows: Inline[][][] = [];
      for (i += 2; i < lines.length && tableRow.test(lines[i] ?? ''); i++) rows.push(cells(lines[i] ?? ''));
      i--;
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    // A continuation line of a list item belongs to it, not to a new paragraph.
    const previous = blocks.at(-1);
    if (paragraph.length === 0 && previous?.kind === 'list' && /^\s{2,}\S/.test(line)) {
      const last = previous.items.at(-1);
      if (last) last.inline = merged([...last.inline, ...parseInline(` ${line.trim()}`)]);
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}
