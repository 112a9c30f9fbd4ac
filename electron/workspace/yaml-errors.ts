/**
 * YAML syntax problems (bad indentation, an unclosed quote, a tab, a duplicate key) as workspace issues. The yaml
 * package's messages are accurate but terse; these say what to do, and point where the mistake was made (an
 * unclosed quote is reported at its opening quote, not at the end of the file where the parser gave up).
 */
import { type Document, isMap, isPair, isSeq, type Node, visit, type YAMLError } from 'yaml';
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { type FieldPath, type Locator, dottedPath, keyText } from './locate';
import { outlinePath } from './outline';

/**
 * One mistake often yields a cascade of parser errors (after a tab or an unclosed `{`, every later line looks
 * misplaced, even in other sections). Only the first syntax error is reported: it is the one that is real, and
 * the watcher re-checks the file on the next save. Duplicate keys are never a cascade and are all kept.
 */
export function convertYamlErrors(
  doc: Document.Parsed,
  errors: readonly YAMLError[],
  locator: Locator,
  text: string,
): WorkspaceIssue[] {
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const firstSyntax = sorted.find((error) => error.code !== 'DUPLICATE_KEY');
  return sorted
    .filter((error) => error === firstSyntax || error.code === 'DUPLICATE_KEY')
    .map((error) => convertOne(doc, error, locator, text));
}

function convertOne(doc: Document.Parsed, error: YAMLError, locator: Locator, text: string): WorkspaceIssue {
  const offset = error.pos[0];
  const pathAt = (at: number) => outlinePath(text, locator.position(at).line);
  const firstLine = error.message.split('\n')[0] ?? error.message;
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return locator.issueAtOffset(offset, pathAt(offset), {
        message: 'a tab is used for indentation; YAML allows only spaces',
        expected: 'spaces (2 per level)',
      });
    case 'DUPLICATE_KEY':
      return duplicateKey(doc, offset, locator);
    case 'MISSING_CHAR':
      if (/closing .?quote/i.test(firstLine)) return unclosedQuote(doc, offset, locator, firstLine, pathAt);
      return locator.issueAtOffset(offset, pathAt(offset), { message: `YAML syntax: ${lowerFirst(firstLine)}` });
    case 'BAD_INDENT':
      return locator.issueAtOffset(offset, pathAt(offset), {
        message: `bad indentation: ${lowerFirst(firstLine)}`,
        expected: 'keys of one mapping aligned in the same column',
      });
    case 'MULTIPLE_DOCS':
      return locator.issueAtOffset(offset, pathAt(offset), {
        message: 'the file holds more than one YAML document (a second "---")',
        expected: 'a single document',
      });
    default:
      return locator.issueAtOffset(offset, pathAt(offset), { message: `YAML syntax: ${lowerFirst(firstLine)}` });
  }
}

function duplicateKey(doc: Document.Parsed, offset: number, locator: Locator): WorkspaceIssue {
  const found = findPairByKeyOffset(doc.contents, offset, []);
  if (!found)
    return locator.issueAtOffset(offset, locator.pathAt(offset), {
      message: 'duplicate key: each key may appear only once',
    });
  const { path, key, first } = found;
  const where = path.length > 0 ? ` in ${dottedPath(path)}` : '';
  const firstLine = first !== undefined ? ` (first defined on line ${locator.position(first).line})` : '';
  return locator.issueAtOffset(offset, dottedPath([...path, key]), {
    message: `duplicate key "${key}"${where}${firstLine}`,
    expected: 'each key once: merge the two entries or rename one',
  });
}

interface DuplicateFound {
  path: FieldPath;
  key: string;
  /** Offset of the first key with the same name. */
  first: number | undefined;
}

/** Finds the mapping pair whose key starts at `offset`, with its path and its earlier twin. */
function findPairByKeyOffset(node: unknown, offset: number, path: FieldPath): DuplicateFound | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = keyText(pair.key);
      const keyNode = pair.key as Node | null;
      if (key !== undefined && keyNode?.range?.[0] === offset) {
        const twin = node.items.find((other) => other !== pair && keyText(other.key) === key);
        return { path, key, first: (twin?.key as Node | null)?.range?.[0] };
      }
      const inner = findPairByKeyOffset(pair.value, offset, key === undefined ? path : [...path, key]);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const inner = findPairByKeyOffset(item, offset, [...path, index]);
      if (inner) return inner;
    }
  }
  return undefined;
}

function unclosedQuote(
  doc: Document.Parsed,
  offset: number,
  locator: Locator,
  original: string,
  pathAt: (offset: number) => string,
): WorkspaceIssue {
  const quote = original.includes("'") ? "'" : '"';
  let opening: number | undefined;
  // The unterminated scalar runs to where the parser gave up; its start is the opening quote.
  visit(doc, {
    Scalar(_key, scalar) {
      const range = scalar.range;
      if (!range || !(scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE')) return;
      if (range[0] <= offset && range[2] >= offset - 1 && (opening === undefined || range[0] > opening)) {
        opening = range[0];
      }
    },
  });
  return locator.issueAtOffset(opening ?? offset, pathAt(opening ?? offset), {
    message: `unclosed quote: the ${quote} opened here is never closed`,
    expected: `a closing ${quote} on the same line`,
  });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
