/**
 * YAML text → a YAML document and the plain data it stands for, in time and memory proportional to the file, with
 * every limit in limits.ts enforced before the work it protects:
 *
 * - a first pass over the lexer's tokens counts them and estimates nesting, before the parser (about 1.5 µs a
 *   token) and the composer (which recurses, and gave up deep files with "maximum call stack size exceeded");
 * - the data is built here, in one iterative walk, instead of by the yaml package's toJS: that one looks up
 *   every alias by scanning all anchors before it (100k aliases: minutes), converts a merged mapping again for
 *   every mapping merging it (300 levels of merge keys: seconds), and hands objects with a prototype to the
 *   schema (a `__proto__` key vanished there). Expansion is counted as it happens, so an alias bomb is refused
 *   at the alias that crosses the limit;
 * - duplicate keys are found with one set per mapping (the yaml package's check compares each key with every
 *   earlier one: a 150k-entry mapping took minutes).
 *
 * The data's mappings have no prototype, so a key such as `constructor` is only ever the file's own.
 */
import {
  type Alias,
  Composer,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  type Pair,
  Parser,
  type YAMLMap,
  YAMLParseError,
  type YAMLSeq,
} from 'yaml';
import { type FieldPath } from './locate';
import { LIMITS } from './limits';

export interface Problem {
  offset: number;
  path: FieldPath;
  message: string;
  expected?: string;
  hint?: string;
}

export interface ParsedYaml {
  /** Undefined when the text was refused before parsing (too many tokens, nested too deeply). */
  doc: Document.Parsed | undefined;
  lines: LineCounter;
  /** Each alias and the node it stands for, for the locator (the yaml package's own lookup scans the file). */
  aliases: Map<Alias, Node>;
  /** The file as plain data; undefined when a limit stopped the walk (or there is no document). */
  data: unknown;
  /** Problems found on the way. `fatal` ones mean the rest of the checks must not run. */
  problems: Problem[];
  fatal: boolean;
  /** Problems past LIMITS.issues, counted but not described. */
  omitted: number;
}

export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const aliases = new Map<Alias, Node>();
  const scanned = prescan(text);
  if (!Array.isArray(scanned)) {
    // The lines are still wanted to place the problem.
    lines.addNewLine(0);
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
    return { doc: undefined, lines, aliases, data: undefined, problems: [scanned], fatal: true, omitted: 0 };
  }
  const doc = compose(text, scanned, lines);
  return { doc, lines, ...walk(doc, lines, aliases), aliases };
}

/** yaml's parseDocument, fed the tokens the prescan already read: lexing is a third of the parse. */
function compose(text: string, lexemes: readonly string[], lines: LineCounter): Document.Parsed {
  const parser = new Parser(lines.addNewLine);
  function* tokens() {
    lines.addNewLine(0);
    for (const lexeme of lexemes) yield* parser.next(lexeme);
    yield* parser.end();
  }
  const composer = new Composer({
    // Found by the walk below, in linear time.
    uniqueKeys: false,
    // `<<: *defaults` is how teams share settings between services; support it rather than call it unknown.
    merge: true,
  });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens(), true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, if only an empty one.
  return doc as Document.Parsed;
}

const MARKERS = new Set(['\x02', '\x18', '\x1f']);

/**
 * Counts tokens and estimates nesting from the token stream alone: flow brackets exactly, block nesting from the
 * columns where lines and `- ` / `? ` items start (a level opens at a greater column and closes at a lesser one).
 */
function prescan(text: string): string[] | Problem {
  const lexemes: string[] = [];
  let offset = 0;
  let tokens = 0;
  let flow = 0;
  let lineStart = 0;
  let firstOnLine = true;
  const columns: number[] = [];
  const open = (column: number) => {
    while (columns.length > 0 && (columns[columns.length - 1] ?? 0) >= column) columns.pop();
    columns.push(column);
  };
  for (const token of new Lexer().lex(text)) {
    lexemes.push(token);
    // Document, flow-end and scalar markers are the lexer's own; they take no room in the text.
    if (MARKERS.has(token)) continue;
    tokens += 1;
    if (tokens > LIMITS.tokens) {
      return {
        offset,
        path: [],
        message: `the file is too long to be a workspace: more than ${LIMITS.tokens.toLocaleString('en-US')} YAML tokens (keys, values and punctuation)`,
        expected: 'a workspace file of at most a few thousand lines',
      };
    }
    const start = offset;
    offset += token.length;
    if (token === '\n' || token === '\r\n') {
      lineStart = offset;
      firstOnLine = true;
      continue;
    }
    const first = token[0];
    if (first === ' ' || first === '\t' || first === '#') continue;
    if (first === '[' || first === '{') flow += 1;
    else if ((first === ']' || first === '}') && flow > 0) flow -= 1;
    if (flow === 0 && (firstOnLine || token === '-' || token === '?')) open(start - lineStart);
    firstOnLine = false;
    if (flow + columns.length > LIMITS.depth) {
      return {
        offset: start,
        path: [],
        message: `nested too deeply: more than ${LIMITS.depth} levels of mappings and lists`,
        expected: `at most ${LIMITS.depth} levels (a workspace needs fewer than 10)`,
      };
    }
  }
  return lexemes;
}

type Slot = { kind: 'root' } | { kind: 'key'; key: string } | { kind: 'merge'; offset: number } | { kind: 'item' };

interface Frame {
  node: YAMLMap | YAMLSeq;
  path: FieldPath;
  depth: number;
  out: Record<string, unknown> | unknown[];
  next: number;
  /** The expanded size of this collection so far: itself, its contents, and what its aliases stand for. */
  size: number;
  slot: Slot;
  merges: { data: unknown; offset: number }[];
  /** Keys seen in this mapping, with the offset of their first occurrence. */
  seen: Map<string, number>;
}

class Stop extends Error {}

function walk(
  doc: Document.Parsed,
  lines: LineCounter,
  aliases: Map<Alias, Node>,
): Omit<ParsedYaml, 'doc' | 'lines' | 'aliases'> {
  const problems: Problem[] = [];
  let omitted = 0;
  let fatal = false;
  const report = (problem: Problem) => {
    if (problems.length < LIMITS.issues) problems.push(problem);
    else omitted += 1;
  };
  const stop = (problem: Problem): never => {
    problems.push(problem);
    fatal = true;
    throw new Stop();
  };

  const anchors = new Map<string, Node>();
  const dataOf = new Map<Node, unknown>();
  const sizeOf = new Map<Node, number>();
  const openNodes = new Set<Node>();
  const stack: Frame[] = [];
  let nodes = 0;
  let aliasCount = 0;
  let expanded = 0;
  let root: unknown = null;

  const offsetOf = (node: Node | null | undefined) => node?.range?.[0] ?? 0;

  const count = (node: Node, path: FieldPath, size: number) => {
    nodes += 1;
    expanded += size;
    if (nodes > LIMITS.nodes) {
      stop({
        offset: offsetOf(node),
        path,
        message: `the file holds too many values to be a workspace: more than ${LIMITS.nodes.toLocaleString('en-US')}`,
        expected: 'a workspace file of at most a few thousand lines',
      });
    }
    if (expanded > LIMITS.expanded) {
      stop({
        offset: offsetOf(node),
        path,
        message: `aliases expand the file to more than ${LIMITS.expanded.toLocaleString('en-US')} values`,
        expected: 'aliases (*name) and merge keys (<<) that share settings, not ones that multiply them',
      });
    }
  };

  const deliver = (parent: Frame | undefined, slot: Slot, data: unknown, size: number) => {
    if (!parent || slot.kind === 'root') {
      root = data;
      return;
    }
    parent.size += size;
    if (slot.kind === 'key') (parent.out as Record<string, unknown>)[slot.key] = data;
    else if (slot.kind === 'merge') parent.merges.push({ data, offset: slot.offset });
    else (parent.out as unknown[]).push(data);
  };

  const visit = (node: unknown, path: FieldPath, depth: number, slot: Slot, parent: Frame | undefined) => {
    if (node === null || node === undefined) {
      deliver(parent, slot, null, 1);
      return;
    }
    if (isAlias(node)) {
      aliasCount += 1;
      if (aliasCount > LIMITS.aliases) {
        stop({
          offset: offsetOf(node),
          path,
          message: `too many aliases: more than ${LIMITS.aliases.toLocaleString('en-US')} uses of *name`,
          expected: 'aliases (*name) that share settings between a few entries',
        });
      }
      const target = anchors.get(node.source);
      if (!target) {
        report({
          offset: offsetOf(node),
          path,
          message: `YAML alias: *${node.source} has no anchor &${node.source} before it`,
          expected: 'an alias (*name) after its anchor (&name)',
        });
        count(node, path, 1);
        deliver(parent, slot, null, 1);
        return;
      }
      if (openNodes.has(target)) {
        report({
          offset: offsetOf(node),
          path,
          message: `YAML alias: *${node.source} is inside the value it refers to (a loop)`,
          expected: 'an alias (*name) after the end of its anchor’s value',
        });
        count(node, path, 1);
        deliver(parent, slot, null, 1);
        return;
      }
      aliases.set(node, target);
      const size = sizeOf.get(target) ?? 1;
      count(node, path, size);
      deliver(parent, slot, dataOf.get(target), size);
      return;
    }
    if (isScalar(node)) {
      count(node, path, 1);
      const value = scalarValue(node.value);
      if (typeof value === 'string' && value.length > LIMITS.scalarLength) tooLong(node, path);
      remember(node, value, 1);
      deliver(parent, slot, value, 1);
      return;
    }
    if (isMap(node) || isSeq(node)) {
      count(node as Node, path, 1);
      if (depth > LIMITS.depth) {
        stop({
          offset: offsetOf(node as Node),
          path,
          message: `nested too deeply: more than ${LIMITS.depth} levels of mappings and lists`,
          expected: `at most ${LIMITS.depth} levels (a workspace needs fewer than 10)`,
        });
      }
      if (node.anchor) anchors.set(node.anchor, node as Node);
      openNodes.add(node as Node);
      stack.push({
        node,
        path,
        depth,
        out: isMap(node) ? (Object.create(null) as Record<string, unknown>) : [],
        next: 0,
        size: 1,
        slot,
        merges: [],
        seen: new Map(),
      });
      return;
    }
    // A node kind the composer does not produce for a document; kept visible rather than dropped.
    report({ offset: 0, path, message: 'YAML: a value of an unknown kind' });
    deliver(parent, slot, null, 1);
  };

  const remember = (node: Node, value: unknown, size: number) => {
    if (!node.anchor) return;
    anchors.set(node.anchor, node);
    dataOf.set(node, value);
    sizeOf.set(node, size);
  };

  const tooLong = (node: Node, path: FieldPath) =>
    stop({
      offset: offsetOf(node),
      path,
      message: `a value of more than ${LIMITS.scalarLength / 1024} KiB`,
      expected: 'a setting, not a document: keep long scripts in a file and name it here',
    });

  const pair = (frame: Frame, item: Pair) => {
    const keyNode = item.key as unknown;
    let slot: Slot;
    let key: string;
    if (keyNode === null || keyNode === undefined) {
      key = '';
      slot = { kind: 'key', key };
    } else if (isScalar(keyNode)) {
      count(keyNode, frame.path, 0);
      if (typeof keyNode.value === 'symbol') {
        slot = { kind: 'merge', offset: offsetOf(item.value as Node | null) || offsetOf(keyNode) };
        key = '<<';
      } else {
        const value = scalarValue(keyNode.value);
        key = value === null ? '' : String(value);
        if (key.length > LIMITS.scalarLength) tooLong(keyNode, frame.path);
        remember(keyNode, value, 1);
        slot = { kind: 'key', key };
      }
    } else {
      report({
        offset: offsetOf(keyNode as Node),
        path: frame.path,
        message: 'a key must be plain text, not a list, a mapping or an alias',
        expected: 'key: value',
      });
      return;
    }
    const path = [...frame.path, key];
    if (slot.kind === 'key') {
      if (key === '__proto__') {
        report({
          offset: offsetOf(keyNode as Node),
          path,
          message: 'the key "__proto__" is not allowed (JavaScript would treat it as the object’s prototype)',
          expected: 'a key of the workspace format',
        });
        return;
      }
      const first = frame.seen.get(key);
      if (first !== undefined) {
        const where = frame.path.length > 0 ? ` in ${frame.path.join('.')}` : '';
        report({
          offset: offsetOf(keyNode as Node),
          path,
          message: `duplicate key "${key}"${where} (first defined on line ${Math.max(1, lines.linePos(first).line)})`,
          expected: 'each key once: merge the two entries or rename one',
        });
      } else {
        frame.seen.set(key, offsetOf(keyNode as Node));
      }
    }
    visit(item.value, slot.kind === 'merge' ? frame.path : path, frame.depth + 1, slot, frame);
  };

  const finish = (frame: Frame) => {
    stack.pop();
    if (frame.merges.length > 0 && !Array.isArray(frame.out)) {
      const out = frame.out;
      for (const { data, offset } of frame.merges) {
        const sources = Array.isArray(data) ? data : [data];
        for (const source of sources) {
          if (!isPlainMapping(source)) {
            report({
              offset,
              path: frame.path,
              message: 'a merge key (<<) takes a mapping, an alias of one, or a list of them',
              expected: '<<: *defaults',
            });
            continue;
          }
          // Keys written in the mapping itself win, and so do earlier merge sources (YAML's merge rules).
          for (const key of Object.keys(source)) if (!(key in out)) out[key] = source[key];
        }
      }
    }
    openNodes.delete(frame.node as Node);
    if (frame.node.anchor) {
      dataOf.set(frame.node as Node, frame.out);
      sizeOf.set(frame.node as Node, frame.size);
    }
    deliver(stack[stack.length - 1], frame.slot, frame.out, frame.size);
  };

  try {
    visit(doc.contents, [], 1, { kind: 'root' }, undefined);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as Frame;
      const items = frame.node.items as unknown[];
      if (frame.next >= items.length) {
        finish(frame);
        continue;
      }
      const index = frame.next;
      frame.next += 1;
      if (isMap(frame.node)) pair(frame, items[index] as Pair);
      else visit(items[index], [...frame.path, index], frame.depth + 1, { kind: 'item' }, frame);
    }
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return { data: fatal ? undefined : root, problems, fatal, omitted };
}

/** The scalar's value as the schema should see it. The merge key's symbol never reaches here as a value. */
function scalarValue(value: unknown): unknown {
  if (typeof value === 'symbol') return value.description ?? '';
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
