/**
 * A runbook's Markdown doc read into blocks that the doc viewer renders as plain React elements: nothing from the
 * text is ever handed to the DOM as HTML, so `<script>` or `<img onerror>` in a doc shows as the words it is.
 * Links keep their address only when it is one the app can open outside itself (see `linkTarget`).
 */

export type Inline =
  { kind: 'text' | 'strong' | 'em' | 'code'; text: string } | { kind: 'link'; text: string; href: string };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'quote'; paragraphs: Inline[][] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
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
  /`([^`]+)`|\*\*([^*]+)\*\*|__([^_]+)__|\[([^\]]+)\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)|(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])|(?<![\w_])_([^_\s][^_]*)_(?![\w_])/g;

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
      // A link the app will not open keeps its address in view, so the reader can still copy it.
      if (href) out.push({ kind: 'link', text: label, href });
      else out.push({ kind: 'text', text: address && address !== label ? `${label} (${address})` : label });
    } else out.push({ kind: 'em', text: em ?? em2 ?? '' });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return merged(out);
}

/** Adjacent plain runs (a link left as text between words) read as one. */
function merged(parts: readonly Inline[]): Inline[] {
  return parts.reduce<Inline[]>((acc, part) => {
    const prev = acc.at(-1);
    if (prev?.kind === 'text' && part.kind === 'text') prev.text += part.text;
    else acc.push({ ...part });
    return acc;
  }, []);
}

const fence = /^\s{0,3}(```|~~~)\s*([\w+-]*)/;
const headingLine = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const quoteLine = /^\s{0,3}>\s?(.*)$/;
const itemLine = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;
const ruleLine = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

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
      const previous = blocks.at(-1);
      const entry = parseInline(item[3] ?? '');
      if (previous?.kind === 'list' && previous.ordered === ordered) previous.items.push(entry);
      else blocks.push({ kind: 'list', ordered, start: ordered ? Number(item[2]) : 1, items: [entry] });
      continue;
    }
    // An indented line right after a list item continues that item.
    const previous = blocks.at(-1);
    if (paragraph.length === 0 && previous?.kind === 'list' && /^\s{2,}\S/.test(line)) {
      const last = previous.items.length - 1;
      previous.items[last] = merged([...(previous.items[last] ?? []), ...parseInline(` ${line.trim()}`)]);
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}
