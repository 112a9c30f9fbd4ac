/**
 * Markdown read into blocks and inline runs for renderer/components/Markdown.tsx to draw as plain React elements:
 * nothing from the text is ever handed to the DOM as HTML, so `<script>` or `<img onerror>` shows as the words it
 * is. Pure (no React, no DOM): the post-mortem preview and the runbook doc viewer both read their text through it.
 *
 * Read: headings, paragraphs, bulleted and numbered lists (with `[ ]` / `[x]` task boxes), tables, fenced code,
 * block quotes, rules; inline `code`, **strong**, _emphasis_ and links. A link keeps its address only when the app
 * can open it outside itself (see `linkTarget`); anything else stays a paragraph of its own words.
 */

export type Inline =
  { kind: 'text' | 'strong' | 'em' | 'code'; text: string } | { kind: 'link'; text: string; href: string };

/** `checked` is null for a plain item, else whether its task box (`[x]` / `[ ]`) is ticked. */
export type ListItem = { checked: boolean | null; inline: Inline[] };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'quote'; paragraphs: Inline[][] }
  | { kind: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] }
  | { kind: 'code'; language: string | null; text: string }
  | { kind: 'rule' };

/**
 * The address a link may open, or null when it must stay text. Only https pages: the desktop shell opens those in
 * the system browser and drops every other scheme (electron/app/web-guards.ts), so a `javascript:`, `file:`,
 * `http:` or `mailto:` link would be a button that does nothing, or worse.
 */
export function linkTarget(raw: string): string | null {
  const text = raw.trim();
  if (!/^https:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
    return url.href;
  } catch {
    return null;
  }
}

/** `**bold**`, `__bold__`, `*em*`, `_em_`, `` `code` `` and `[text](address)`. */
const inlinePattern =
  /`([^`]+)`|\*\*([^*]+)\*\*|__([^_]+)__|\[([^\]]+)\]\(\s*([^)\s]*)(?:\s+"[^"]*")?\s*\)|(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])|(?<![\w_])_([^_\s][^_]*)_(?![\w_])/g;

/**
 * What a link the app will not open reads as. Its address stays in view, so the reader can still copy it — except
 * an in-app place (`#/activity`), which means nothing outside the app: that one reads as its words.
 */
function linkAsText(label: string, address: string): string {
  return address && address !== label && !address.startsWith('#') ? `${label} (${address})` : label;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    const at = match.index;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    const [, code, strong, strong2, label, address, em, em2] = match;
    if (code !== undefined) out.push({ kind: 'code', text: code });
    else if (strong !== undefined || strong2 !== undefined) out.push({ kind: 'strong', text: strong ?? strong2 ?? '' });
    else if (label !== undefined) {
      const href = linkTarget(address ?? '');
      if (href) out.push({ kind: 'link', text: label, href });
      else out.push({ kind: 'text', text: linkAsText(label, address ?? '') });
    } else out.push({ kind: 'em', text: em ?? em2 ?? '' });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return merged(out);
}

/** Adjacent plain runs (a link left as text between words, a line continued) read as one. */
function merged(parts: readonly Inline[]): Inline[] {
  return parts.reduce<Inline[]>((acc, part) => {
    const prev = acc.at(-1);
    if (prev?.kind === 'text' && part.kind === 'text') prev.text += part.text;
    else acc.push({ ...part });
    return acc;
  }, []);
}

const fence = /^\s*(```|~~~)\s*([\w+-]*)/;
const headingLine = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const quoteLine = /^\s*>\s?(.*)$/;
const itemLine = /^\s*(?:([-*+])|(\d{1,9})[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/;
const ruleLine = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const tableRow = /^\s*\|.*\|\s*$/;
const tableRule = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function cells(line: string): Inline[][] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => parseInline(cell.trim()));
}

function paragraphsOf(lines: readonly string[]): Inline[][] {
  const out: Inline[][] = [];
  let current: string[] = [];
  for (const line of [...lines, '']) {
    if (line.trim() !== '') current.push(line.trim());
    else if (current.length > 0) {
      out.push(parseInline(current.join(' ')));
      current = [];
    }
  }
  return out;
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
    const open = fence.exec(line);
    if (open) {
      flush();
      const marker = open[1] ?? '```';
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trim().startsWith(marker); i++) body.push(lines[i] ?? '');
      blocks.push({ kind: 'code', language: open[2] ? open[2] : null, text: body.join('\n') });
      continue;
    }
    const heading = headingLine.exec(line);
    if (heading) {
      flush();
      const level = Math.min(4, heading[1]?.length ?? 1) as 1 | 2 | 3 | 4;
      blocks.push({ kind: 'heading', level, inline: parseInline(heading[2] ?? '') });
      continue;
    }
    if (ruleLine.test(line) && paragraph.length === 0) {
      blocks.push({ kind: 'rule' });
      continue;
    }
    if (quoteLine.test(line)) {
      flush();
      // Consecutive quoted lines are one quote; a blank quoted line starts its next paragraph.
      const quoted: string[] = [];
      for (; i < lines.length; i++) {
        const inner = quoteLine.exec(lines[i] ?? '');
        if (!inner) break;
        quoted.push(inner[1] ?? '');
      }
      i--;
      blocks.push({ kind: 'quote', paragraphs: paragraphsOf(quoted) });
      continue;
    }
    const item = itemLine.exec(line);
    if (item) {
      flush();
      const ordered = item[2] !== undefined;
      const checked = item[3] === undefined ? null : item[3].toLowerCase() === 'x';
      const entry: ListItem = { checked, inline: parseInline(item[4] ?? '') };
      const previous = blocks.at(-1);
      if (previous?.kind === 'list' && previous.ordered === ordered) previous.items.push(entry);
      else blocks.push({ kind: 'list', ordered, start: ordered ? Number(item[2]) : 1, items: [entry] });
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
    // An indented line right after a list item continues that item, not a new paragraph.
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
