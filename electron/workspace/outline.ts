/**
 * The field path of a line, read from indentation alone. After a YAML syntax error the parsed tree is a guess
 * (a tab or a bad indent re-parents everything after it), but the lines above the error still say, by their
 * indentation, which keys the line sits under. Block style only: inside flow `{ … }` the path stops at the line.
 */

interface LineInfo {
  blank: boolean;
  /** Column of the first non-space character (a tab counts as 4, the common editor setting). */
  indent: number;
  /** Set when the line starts a sequence item (`- `): the dash's indentation. */
  dash?: number;
  key?: string;
  keyIndent?: number;
}

const MAX_KEY_LINE = 1024;

const KEY = /^(?:"([^"]*)"|'([^']*)'|([^\s#:'"{[\]}&*!|>%@`,-][^:#]*?|-[^\s:#][^:#]*?))[ \t]*:(?:[ \t]|$)/;

function infoOf(line: string): LineInfo {
  let indent = 0;
  let i = 0;
  for (; i < line.length; i++) {
    if (line[i] === ' ') indent += 1;
    else if (line[i] === '\t') indent += 4;
    else break;
  }
  // Keys are short; capping what the key pattern sees keeps it linear (its lazy part backtracks over long lines).
  let rest = line.slice(i, i + MAX_KEY_LINE);
  if (rest === '' || rest.startsWith('#')) return { blank: true, indent };
  const info: LineInfo = { blank: false, indent };
  let keyIndent = indent;
  const dash = /^-(?:[ \t]+|$)/.exec(rest);
  if (dash) {
    info.dash = indent;
    keyIndent = indent + dash[0].length;
    rest = rest.slice(dash[0].length);
  }
  const key = KEY.exec(rest);
  if (key) {
    info.key = (key[1] ?? key[2] ?? key[3] ?? '').trim();
    info.keyIndent = keyIndent;
  }
  return info;
}

/** The index of the sequence item starting at `lineIndex` among its siblings at the same dash column. */
function itemIndex(infos: LineInfo[], lineIndex: number, dashIndent: number): number {
  let index = 0;
  for (let j = lineIndex - 1; j >= 0; j--) {
    const info = infos[j];
    if (!info || info.blank) continue;
    if (info.indent < dashIndent) break;
    if (info.dash === dashIndent && info.indent === dashIndent) index += 1;
  }
  return index;
}

/** The dotted path of the key on 1-based `line` (or of the item it is in), from the outline above it. */
export function outlinePath(text: string, line: number): string {
  const infos = infosOf(text);
  const segments: (string | number)[] = [];
  let limit = Infinity;
  for (let i = Math.min(line, infos.length) - 1; i >= 0; i--) {
    const info = infos[i];
    if (!info || info.blank) continue;
    if (info.key !== undefined && info.keyIndent !== undefined && (info.keyIndent < limit || i === line - 1)) {
      segments.unshift(info.key);
      limit = info.keyIndent;
    }
    if (info.dash !== undefined && (info.dash < limit || i === line - 1)) {
      segments.unshift(itemIndex(infos, i, info.dash));
      limit = info.dash;
    }
    if (limit === 0) break;
  }
  return segments.join('.');
}

/** The last text's lines: every issue of one file asks about the same text, and reading it costs a pass. */
let cached: { text: string; infos: LineInfo[] } | undefined;

function infosOf(text: string): LineInfo[] {
  if (cached?.text !== text) cached = { text, infos: text.split(/\r?\n/).map(infoOf) };
  return cached.infos;
}
