/**
 * Reads the text of a workspace file into a validated workspace, or into every issue that stands in the way, each
 * placed at file:line:column with its field path. Order of concerns: YAML syntax, secrets, the version, the
 * schema, then references between parts of the file. All are collected; none stops at the first.
 */
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { WORKSPACE_VERSION, workspaceSchema } from '../../shared/workspace';
import { withoutPrototypes } from '../../shared/workspace/dictionaries';
import { LIMITS } from './limits';
import { Locator } from './locate';
import { outlinePath } from './outline';
import { checkReferences } from './references';
import { checkQuotedPlaceholders } from './placeholders';
import { findSecrets, hideSecretKeys } from './secrets';
import { type Problem, parseYaml } from './tree';
import { type LoadResult } from './types';
import { checkVariables } from './variables';
import { convertYamlErrors } from './yaml-errors';
import { convertZodIssues, describeValue } from './zod-issues';

/**
 * Judges workspace text. Files reach it through load.ts, which has already refused bytes that are not UTF-8 and
 * stray byte order marks (by byte offset, see encoding.ts); a leading one is tolerated here too, for text from
 * elsewhere.
 */
export function parseWorkspaceText(text: string, file: string): LoadResult {
  const source = text.replace(/^\uFEFF/, '');
  const parsed = parseYaml(source);
  const { doc, lines } = parsed;
  const locator = new Locator(file, doc, lines, parsed.aliases);
  const placed = (problem: Problem) =>
    locator.issueAtOffset(
      problem.offset,
      problem.path.map(String).join('.') || pathAt(source, locator, problem.offset),
      problem,
    );
  if (!doc) return { workspace: null, ...finish(parsed.problems.map(placed), [], 0, file) };

  const issues: WorkspaceIssue[] = convertYamlErrors(doc, [...doc.errors, ...doc.warnings], locator, source);
  // Past a syntax error the document is a guess; schema complaints about it would mislead.
  const syntaxBroken = doc.errors.length > 0;
  if (parsed.fatal) {
    // A limit was crossed: nothing past it may run (the secrets check included — it would walk the same nodes).
    return { workspace: null, ...finish([...issues, ...parsed.problems.map(placed)], [], parsed.omitted, file) };
  }
  // Secrets are reported even in a broken file (it may be committed as it is), with paths read from the outline.
  let secrets = findSecrets(doc, locator).slice(0, LIMITS.issues);
  if (syntaxBroken) secrets = secrets.map((secret) => ({ ...secret, path: repairPath(secret, source) }));
  let workspace: LoadResult['workspace'] = null;
  let omitted = 0;
  if (!syntaxBroken) {
    issues.push(...parsed.problems.map(placed));
    omitted += parsed.omitted;
    // A file with structural problems (a loop, a `__proto__` key) holds data that is a guess: stop there.
    if (parsed.problems.length === 0) {
      const checked = validate(parsed.data, locator, source);
      issues.push(...checked.issues);
      omitted += checked.omitted;
      workspace = checked.workspace;
    }
  }

  const finished = finish(issues, secrets, omitted, file);
  const all = { ...finished, issues: hideSecretKeys(finished.issues, doc) };
  return { ...all, workspace: all.issues.length === 0 && workspace ? withoutPrototypes(workspace) : null };
}

function pathAt(text: string, locator: Locator, offset: number): string {
  return outlinePath(text, locator.position(offset).line);
}

function validate(data: unknown, locator: Locator, text: string): LoadResult & { omitted: number } {
  if (data === null || data === undefined) {
    const blank = text.trim() === '' ? 'the file is empty' : 'the file holds only comments';
    return {
      workspace: null,
      omitted: 0,
      issues: [
        locator.issueAtOffset(0, '', {
          message: blank,
          expected: `a workspace: "version: ${WORKSPACE_VERSION}", "name:" and "environments:" at least`,
        }),
      ],
    };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      workspace: null,
      omitted: 0,
      issues: [
        locator.issue([], {
          message: `the top level is ${describeValue(data)}`,
          expected: 'a mapping with version, name, environments, hosts, services …',
        }),
      ],
    };
  }

  const issues: WorkspaceIssue[] = [];
  const version = (data as { version?: unknown }).version;
  if (version !== undefined && version !== WORKSPACE_VERSION) {
    const newer = typeof version === 'number' && version > WORKSPACE_VERSION;
    issues.push(
      locator.issue(['version'], {
        message: newer
          ? `version ${version} is newer than this Cockpit understands`
          : `unsupported version ${describeValue(version)}`,
        expected: `version: ${WORKSPACE_VERSION}`,
        hint: newer ? 'Update Reliability Cockpit to open this file.' : undefined,
      }),
    );
    // A newer format may mean anything in the rest of the file; complaining about it would be noise.
    if (newer) return { workspace: null, issues, omitted: 0 };
  }

  const parsed = workspaceSchema.safeParse(data);
  if (!parsed.success) {
    const converted = convertZodIssues(parsed.error.issues, { locator, data, schema: workspaceSchema });
    issues.push(...converted.issues.filter((issue) => issue.path !== 'version'));
    return { workspace: null, issues, omitted: converted.omitted };
  }
  const references = checkReferences(parsed.data, locator);
  issues.push(
    ...references.issues,
    ...checkVariables(data, parsed.data, locator).slice(0, LIMITS.issues),
    ...checkQuotedPlaceholders(data, locator).slice(0, LIMITS.issues),
  );
  return { workspace: parsed.data, issues, omitted: references.omitted };
}

/**
 * In a broken document the tree's path can be nonsense (everything after a tab is re-parented); the outline of the
 * line is right but stops at flow `{ … }`. Join them: the outline, then what the tree says below its last key.
 */
function repairPath(issue: WorkspaceIssue, text: string): string {
  const outline = outlinePath(text, issue.line);
  const tree = issue.path.split('.');
  const last = outline.split('.').pop();
  const at = last === undefined ? -1 : tree.lastIndexOf(last);
  return at < 0 ? outline : [outline, ...tree.slice(at + 1)].filter(Boolean).join('.');
}

/**
 * Secrets first: a value that is a secret is reported as such, and any other complaint about the same value is
 * dropped (it could echo the secret back, e.g. "invalid value https://hooks.slack.com/…").
 */
function finish(
  issues: WorkspaceIssue[],
  secrets: WorkspaceIssue[],
  omitted: number,
  file: string,
): { issues: WorkspaceIssue[]; omitted?: number } {
  const secretPaths = secrets.map((secret) => secret.path);
  const covered = (path: string) =>
    secretPaths.some((secret) => secret !== '' && (path === secret || path.startsWith(`${secret}.`)));
  const seen = new Set<string>();
  const all: WorkspaceIssue[] = [];
  for (const issue of [...secrets, ...issues.filter((issue) => !covered(issue.path))]) {
    const key = `${issue.line}:${issue.column}:${issue.path}:${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(issue);
  }
  all.sort((a, b) => a.line - b.line || a.column - b.column);
  const left = Math.max(0, all.length - LIMITS.issues) + omitted;
  if (left <= 0) return { issues: all };
  const shown = all.slice(0, LIMITS.issues);
  // Placed at the first problem not listed, so the count still points somewhere in the file.
  const next = all[LIMITS.issues] ?? shown[shown.length - 1];
  shown.push({
    file,
    line: next?.line ?? 1,
    column: next?.column ?? 1,
    path: '',
    message: `${left.toLocaleString('en-US')} more ${left === 1 ? 'problem' : 'problems'} not listed (only the first ${LIMITS.issues} are)`,
    hint: 'Fix these first: the rest are often the same mistake repeated.',
  });
  return { issues: shown, omitted: left };
}
