/**
 * Reads the text of a workspace file into a validated workspace, or into every issue that stands in the way, each
 * placed at file:line:column with its field path. Order of concerns: YAML syntax, secrets, the version, the
 * schema, then references between parts of the file. All are collected; none stops at the first.
 */
import { LineCounter, parseDocument, isAlias, visit, type Document } from 'yaml';
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { WORKSPACE_VERSION, workspaceSchema } from '../../shared/workspace';
import { Locator } from './locate';
import { outlinePath } from './outline';
import { checkReferences } from './references';
import { findSecrets } from './secrets';
import { type LoadResult } from './types';
import { checkVariables } from './variables';
import { convertYamlErrors } from './yaml-errors';
import { convertZodIssues, describeValue } from './zod-issues';

export function parseWorkspaceText(text: string, file: string): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    // `<<: *defaults` is how teams share settings between services; support it rather than call it unknown.
    merge: true,
  });
  const locator = new Locator(file, doc, lines);
  const issues: WorkspaceIssue[] = convertYamlErrors(doc, [...doc.errors, ...doc.warnings], locator, text);

  // Past a syntax error the document is a guess; schema complaints about it would mislead. A duplicate key is
  // the exception: the rest of the file is sound and worth checking.
  const syntaxBroken = doc.errors.some((error) => error.code !== 'DUPLICATE_KEY');
  // Secrets are reported even in a broken file (it may be committed as it is), with paths read from the outline.
  let secrets = findSecrets(doc, locator);
  if (syntaxBroken) secrets = secrets.map((secret) => ({ ...secret, path: repairPath(secret, text) }));
  let workspace: LoadResult['workspace'] = null;
  if (!syntaxBroken) {
    const checked = validate(doc, locator, text);
    issues.push(...checked.issues);
    workspace = checked.workspace;
  }

  const all = finish(issues, secrets);
  return { workspace: all.length === 0 ? workspace : null, issues: all };
}

function validate(doc: Document.Parsed, locator: Locator, text: string): LoadResult {
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { workspace: null, issues: [aliasIssue(doc, locator, error)] };
  }
  if (data === null || data === undefined) {
    const blank = text.trim() === '' ? 'the file is empty' : 'the file holds only comments';
    return {
      workspace: null,
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
    if (newer) return { workspace: null, issues };
  }

  const parsed = workspaceSchema.safeParse(data);
  if (!parsed.success) {
    const converted = convertZodIssues(parsed.error.issues, { locator, data, schema: workspaceSchema });
    issues.push(...converted.filter((issue) => issue.path !== 'version'));
    return { workspace: null, issues };
  }
  issues.push(...checkReferences(parsed.data, locator), ...checkVariables(data, parsed.data, locator));
  return { workspace: parsed.data, issues };
}

function aliasIssue(doc: Document.Parsed, locator: Locator, error: unknown): WorkspaceIssue {
  let offset = 0;
  visit(doc, {
    Alias(_key, alias) {
      if (isAlias(alias) && alias.resolve(doc) === undefined) {
        offset = alias.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const reason = error instanceof Error ? error.message : String(error);
  return locator.issueAtOffset(offset, locator.pathAt(offset), {
    message: `YAML alias: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
    expected: 'an alias (*name) after its anchor (&name)',
  });
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
function finish(issues: WorkspaceIssue[], secrets: WorkspaceIssue[]): WorkspaceIssue[] {
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
  return all.sort((a, b) => a.line - b.line || a.column - b.column);
}
