/**
 * Zod's issues, rewritten for a person editing YAML: "missing required field `path`" at the mapping that lacks it,
 * "unknown key `enviroments` — did you mean `environments`?" at the key, "invalid value "5 minutes"" with what was
 * expected. A union (a health check is one of five kinds) is answered from the kind the entry is evidently trying
 * to be, not with five alternative complaints.
 */
import { type z } from 'zod';
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { LIMITS } from './limits';
import { type FieldPath, type IssueText, type Locator } from './locate';
import { allowedKeysAt } from './schema-keys';
import { closest, listWords } from './suggest';

type Issue = z.core.$ZodIssue;

export interface ZodIssueContext {
  locator: Locator;
  /** The data zod validated (the YAML document as plain JS). */
  data: unknown;
  schema: z.core.$ZodType;
}

/**
 * At most LIMITS.issues are described (placing one costs a walk of the document, suggesting a key an edit
 * distance per candidate); the rest are only counted. A file of 100k unknown keys is one zod issue with 100k keys.
 */
export function convertZodIssues(
  issues: readonly Issue[],
  ctx: ZodIssueContext,
): { issues: WorkspaceIssue[]; omitted: number } {
  const out: WorkspaceIssue[] = [];
  let omitted = 0;
  for (const issue of issues) {
    if (out.length >= LIMITS.issues) {
      omitted += issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
      continue;
    }
    if (issue.code === 'unrecognized_keys' && out.length + issue.keys.length > LIMITS.issues) {
      const room = LIMITS.issues - out.length;
      out.push(...convert({ ...issue, keys: issue.keys.slice(0, room) }, [], ctx));
      omitted += issue.keys.length - room;
      continue;
    }
    out.push(...convert(issue, [], ctx));
  }
  return { issues: out, omitted };
}

function convert(issue: Issue, base: FieldPath, ctx: ZodIssueContext): WorkspaceIssue[] {
  const path = [...base, ...issue.path.map(segment)];
  const value = valueAt(ctx.data, path);
  const at = (text: IssueText, anchor: 'value' | 'key' | 'parent' = 'value') => ctx.locator.issue(path, text, anchor);

  switch (issue.code) {
    case 'invalid_union':
      return convertUnion(issue, path, value, ctx);
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(path, key, ctx));
    case 'invalid_key': {
      const inner = issue.issues[0];
      return [at({ message: `invalid name ${show(path[path.length - 1])}`, ...expectedFrom(inner?.message) }, 'key')];
    }
    case 'invalid_element':
      return issue.issues.flatMap((inner) => convert(inner, path, ctx));
    default:
      break;
  }

  if (value === undefined && path.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return [missingField(path, issue, ctx)];
  }

  switch (issue.code) {
    case 'invalid_type':
      return [
        at({
          message: `wrong type: found ${describeValue(value)}`,
          expected: customExpected(issue.message) ?? describeType(issue.expected),
        }),
      ];
    case 'invalid_value':
      return [invalidChoice(path, value, issue.values, issue.message, ctx)];
    case 'too_small':
    case 'too_big':
      return [at(sizeText(issue, value))];
    case 'invalid_format':
      return [
        at({
          message: invalidText(value),
          expected: customExpected(issue.message) ?? formatExpected(issue),
        }),
      ];
    default: {
      const expected = customExpected(issue.message);
      return [at(expected ? { message: invalidText(value), expected } : { message: issue.message })];
    }
  }
}

function convertUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: FieldPath,
  value: unknown,
  ctx: ZodIssueContext,
): WorkspaceIssue[] {
  // A discriminated union whose discriminator (e.g. `strategy`) is missing or not one of the options.
  if (issue.discriminator !== undefined && issue.errors.length === 0) {
    const options = ('options' in issue ? (issue.options ?? []) : []).map(String);
    return [invalidChoice(path, value, options, issue.message, ctx)];
  }
  if (value === undefined) return [missingField(path, issue, ctx)];

  // Pick the branch the entry is evidently meant to be: the one with the fewest complaints, when there is one.
  const scored = issue.errors.map((branch) => ({ branch, score: weight(branch) }));
  const best = Math.min(...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === best);
  if (winners.length === 1 && winners[0]) return winners[0].branch.flatMap((inner) => convert(inner, path, ctx));

  const summary = ctx.locator.issue(path, {
    message: 'does not match any of the allowed forms',
    expected: customExpected(issue.message) ?? undefined,
  });
  // Unknown keys every candidate rejects are worth naming even when the kind is unclear (`htp:` for `http:`).
  const unknownEverywhere = intersect(winners.map((w) => rootUnknownKeys(w.branch)));
  return [summary, ...unknownEverywhere.map((key) => unknownKey(path, key, ctx))];
}

function weight(issues: readonly Issue[]): number {
  let total = 0;
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') total += issue.keys.length;
    else if (issue.code === 'invalid_union' && issue.errors.length > 0) total += Math.min(...issue.errors.map(weight));
    else total += 1;
  }
  return total;
}

function rootUnknownKeys(issues: readonly Issue[]): string[] {
  return issues.flatMap((issue) => (issue.code === 'unrecognized_keys' && issue.path.length === 0 ? issue.keys : []));
}

function intersect(lists: string[][]): string[] {
  const [first, ...rest] = lists;
  return (first ?? []).filter((key) => rest.every((list) => list.includes(key)));
}

function unknownKey(path: FieldPath, key: string, ctx: ZodIssueContext): WorkspaceIssue {
  const allowed = allowedKeysAt(ctx.schema, path, ctx.data) ?? [];
  const suggestion = closest(key, allowed);
  return ctx.locator.issue(
    [...path, key],
    {
      message: suggestion ? `unknown key "${key}" — did you mean "${suggestion}"?` : `unknown key "${key}"`,
      expected: allowed.length > 0 ? `one of: ${allowed.join(', ')}` : undefined,
    },
    'key',
  );
}

function missingField(path: FieldPath, issue: Issue, ctx: ZodIssueContext): WorkspaceIssue {
  const field = String(path[path.length - 1]);
  let expected = customExpected(issue.message);
  if (!expected && issue.code === 'invalid_type') expected = describeType(issue.expected);
  if (!expected && issue.code === 'invalid_value') expected = listWords(issue.values.map(String));
  return ctx.locator.issue(path, { message: `missing required field "${field}"`, expected }, 'parent');
}

function invalidChoice(
  path: FieldPath,
  value: unknown,
  options: readonly unknown[],
  message: string,
  ctx: ZodIssueContext,
): WorkspaceIssue {
  const words = options.map(String);
  if (value === undefined) {
    return ctx.locator.issue(
      path,
      { message: `missing required field "${String(path[path.length - 1])}"`, expected: listWords(words) },
      'parent',
    );
  }
  const suggestion = typeof value === 'string' ? closest(value, words) : undefined;
  return ctx.locator.issue(path, {
    message: `invalid value ${show(value)}${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
    expected: customExpected(message) ?? listWords(words),
  });
}

function sizeText(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, value: unknown): IssueText {
  if (isCustom(issue.message)) return { message: issue.message };
  const small = issue.code === 'too_small';
  const limit = small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum;
  const bound = String(limit);
  switch (issue.origin) {
    case 'string':
      if (small && bound === '1') return { message: 'must not be empty', expected: 'some text' };
      return {
        message: `${small ? 'too short' : 'too long'}`,
        expected: `${small ? 'at least' : 'at most'} ${bound} characters`,
      };
    case 'array':
      return {
        message: `${small ? 'too few' : 'too many'} entries`,
        expected: `${small ? 'at least' : 'at most'} ${bound}`,
      };
    default:
      return {
        message: `${show(value)} is ${small ? 'too small' : 'too large'}`,
        expected: `${small ? 'at least' : 'at most'} ${bound}`,
      };
  }
}

function formatExpected(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  if (issue.format === 'url') return 'a URL such as https://host/path';
  if (issue.format === 'starts_with') return `text starting with "${String((issue as { prefix?: string }).prefix)}"`;
  if (issue.format === 'regex') return `text matching ${String((issue as { pattern?: string }).pattern)}`;
  return `a valid ${issue.format}`;
}

/** Zod's own messages start like this; anything else was written by us in the schema and is worth keeping. */
function isCustom(message: string): boolean {
  return !/^(Invalid|Too small|Too big|Unrecognized|Expected)/.test(message);
}

/** Schema messages are written as `expected X` or `expected X, got "Y"`: the X is what the file should hold. */
function customExpected(message: string | undefined): string | undefined {
  if (!message || !isCustom(message)) return undefined;
  const match = /^expected (.+?)(?:, got [\s\S]*)?$/.exec(message);
  return match?.[1];
}

function expectedFrom(message: string | undefined): { expected?: string } {
  const expected = customExpected(message) ?? (message && isCustom(message) ? message : undefined);
  return expected ? { expected } : {};
}

function describeType(type: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'a mapping (key: value)',
    record: 'a mapping (key: value)',
    array: 'a list',
  };
  return words[type] ?? type;
}

function invalidText(value: unknown): string {
  if (Array.isArray(value)) return 'invalid list';
  if (value !== null && typeof value === 'object') return 'invalid mapping';
  return `invalid value ${show(value)}`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text ${show(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}

/** A value quoted for a message, cut short so a pasted blob never fills the screen. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function segment(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key);
}

export function valueAt(data: unknown, path: FieldPath): unknown {
  let current = data;
  for (const key of path) {
    // Own keys only: `constructor` in a path is the file's key or nothing, never Object's constructor.
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
