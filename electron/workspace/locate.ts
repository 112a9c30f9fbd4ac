/**
 * Turns a field path (`services.api.health.0.every`) back into a place in the YAML source, so every issue can say
 * file:line:column. The zod schema sees plain data; only the YAML document still knows where each value came from.
 */
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { type WorkspaceIssue } from '../../shared/model/workspace-state';

export type FieldPath = readonly (string | number)[];

/** Where an issue points: the value, the key that names it, or (for a missing key) the mapping that lacks it. */
export type Anchor = 'value' | 'key' | 'parent';

export interface IssueText {
  message: string;
  expected?: string;
  hint?: string;
}

interface Found {
  /** The node at the path, when the whole path exists. */
  value: Node | null | undefined;
  /** The key node naming the last segment, when the last segment is a mapping key. */
  key: Node | null | undefined;
  /** Nodes along the path that exist: parents[i] is the node at path.slice(0, i). */
  trail: (Node | null)[];
}

export function dottedPath(path: FieldPath): string {
  return path.map(String).join('.');
}

export class Locator {
  /** Each mapping's pairs by key (the first of duplicates), built on first use: one lookup per path segment. */
  private readonly keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  /**
   * @param doc undefined when the text was refused before it was parsed; issues then carry only a position
   * @param aliases each alias and its node, resolved once while reading (the yaml package's lookup scans the file)
   */
  constructor(
    readonly file: string,
    private readonly doc: Document.Parsed | Document | undefined,
    private readonly lines: LineCounter,
    private readonly aliases: ReadonlyMap<Alias, Node> = new Map(),
  ) {}

  /** 1-based line and column of a character offset. */
  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    // LineCounter reports line 0 only before any newline was seen, i.e. a one-line file.
    return { line: Math.max(1, line), column: Math.max(1, col) };
  }

  issue(path: FieldPath, text: IssueText, anchor: Anchor = 'value'): WorkspaceIssue {
    const offset = this.offsetFor(path, anchor);
    return this.issueAtOffset(offset, dottedPath(path), text);
  }

  issueAtOffset(offset: number, path: string, text: IssueText): WorkspaceIssue {
    const issue: WorkspaceIssue = { file: this.file, ...this.position(offset), path, message: text.message };
    if (text.expected) issue.expected = text.expected;
    if (text.hint) issue.hint = text.hint;
    return issue;
  }

  /** The line a value is on, for messages such as "first defined on line 12". */
  lineOf(path: FieldPath): number {
    return this.position(this.offsetFor(path, 'value')).line;
  }

  /** Whether the path exists in the source (an explicit `key: null` counts as existing). */
  has(path: FieldPath): boolean {
    return this.find(path).trail.length === path.length + 1;
  }

  /**
   * The dotted path of the innermost node at a character offset: syntax errors have no field path of their own,
   * but "inside services.api.health" still tells the reader where to look.
   */
  pathAt(offset: number): string {
    const path: (string | number)[] = [];
    let node: unknown = this.doc?.contents;
    for (let depth = 0; depth < 100; depth++) {
      let next: unknown;
      // Ranges of neighbours touch (one ends where the next starts): the last match is the innermost start.
      let name: string | number | undefined;
      if (isMap(node)) {
        for (const pair of node.items) {
          const value = pair.value as Node | null;
          const key = pair.key as Node | null;
          const end = value?.range?.[2] ?? key?.range?.[2];
          const start = key?.range?.[0] ?? value?.range?.[0];
          if (start === undefined || end === undefined || offset < start || offset > end) continue;
          name = keyText(pair.key);
          next = value;
        }
      } else if (isSeq(node)) {
        for (const [index, item] of node.items.entries()) {
          const range = (item as Node | null)?.range;
          if (!range || offset < range[0] || offset > range[2]) continue;
          name = index;
          next = item;
        }
      }
      if (name !== undefined) path.push(name);
      if (next === undefined) break;
      node = next;
    }
    return dottedPath(path);
  }

  private offsetFor(path: FieldPath, anchor: Anchor): number {
    const found = this.find(path);
    const complete = found.trail.length === path.length + 1;
    if (complete && anchor !== 'parent') {
      const preferKey = anchor === 'key' || isEmptyScalar(found.value);
      const first = preferKey ? found.key : found.value;
      const second = preferKey ? found.value : found.key;
      const offset = startOf(first) ?? startOf(second);
      if (offset !== undefined) return offset;
    }
    // Missing (or position-less) node: point at the deepest existing ancestor that has a position.
    const depth = complete && anchor === 'parent' ? found.trail.length - 1 : found.trail.length;
    for (let i = depth - 1; i >= 0; i--) {
      const offset = startOf(found.trail[i]);
      if (offset !== undefined) return offset;
    }
    return 0;
  }

  private find(path: FieldPath): Found {
    let node = this.deref((this.doc?.contents ?? null) as Node | null);
    const trail: (Node | null)[] = [node];
    let key: Node | null | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = this.pairs(node).get(String(segment));
        if (!pair) break;
        key = pair.key as Node | null;
        node = this.deref(pair.value as Node | null);
      } else if (isSeq(node) && typeof segment === 'number') {
        if (segment >= node.items.length) break;
        key = undefined;
        node = this.deref(node.items[segment] as Node | null);
      } else {
        break;
      }
      trail.push(node);
    }
    return { value: node, key, trail };
  }

  private pairs(map: YAMLMap): Map<string, Pair> {
    let index = this.keyIndex.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        const key = isPair(item) ? keyText(item.key) : undefined;
        if (key !== undefined && !index.has(key)) index.set(key, item as Pair);
      }
      this.keyIndex.set(map, index);
    }
    return index;
  }

  /** Aliases (`*defaults`) stand for their anchor's node; follow them so paths continue through them. */
  private deref(node: Node | null): Node | null {
    if (isAlias(node)) return this.aliases.get(node) ?? node;
    return node;
  }
}

export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return undefined;
  return String(key);
}

function startOf(node: Node | null | undefined): number | undefined {
  return node?.range?.[0] ?? undefined;
}

/** `key:` with nothing after it parses as a null scalar placed after the colon; the key is the better place. */
function isEmptyScalar(node: Node | null | undefined): boolean {
  return !node || (isScalar(node) && node.value === null && !node.source);
}
