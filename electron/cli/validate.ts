/**
 * `cockpit validate PATH`: checks a workspace file the way the app does and prints each issue like a compiler
 * (`file:line:column  path  message`), so an editor or CI log can jump to it. Exit 0 valid, 1 invalid, 2 usage.
 */
import { describeSize, formatIssue, plural } from '../workspace/format';
import { loadWorkspaceFile } from '../workspace/load';
import { type CliIO, EXIT } from './io';

export const validateUsage = `Usage: cockpit validate [--json] PATH

Checks a workspace file (cockpit.yaml) without opening it: YAML syntax, the schema, references between its
parts, and secrets that do not belong in it. Each problem is printed as

  file:line:column  field.path  message (expected …) hint

Options:
  --json    print {"ok", "file", "workspace", "issues"} as JSON instead
  --help    print this help (and do nothing else)

Exit status: 0 valid, 1 problems found, 2 usage error.
`;

/** @param argv the arguments after `validate` */
export async function runValidate(argv: string[], io: CliIO): Promise<number> {
  // Help wins wherever it appears, and never acts.
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(validateUsage);
    return EXIT.ok;
  }
  let json = false;
  const paths: string[] = [];
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg === '--') continue;
    else if (arg.startsWith('-') && arg !== '-') return usageError(io, `unknown option "${arg}"`);
    else paths.push(arg);
  }
  const [path] = paths;
  if (path === undefined) return usageError(io, 'which file? give the path of a cockpit.yaml');
  if (paths.length > 1) return usageError(io, `one file at a time (got ${paths.length})`);

  const result = await loadWorkspaceFile(path);
  const { workspace, issues } = result;

  if (json) {
    io.stdout(
      JSON.stringify(
        {
          ok: issues.length === 0,
          file: path,
          workspace: workspace
            ? {
                name: workspace.name,
                environments: Object.keys(workspace.environments),
                services: Object.keys(workspace.services),
              }
            : null,
          issues,
        },
        null,
        2,
      ),
    );
    return issues.length === 0 ? EXIT.ok : EXIT.failed;
  }

  if (workspace && issues.length === 0) {
    io.stdout(`✓ ${path} is valid: ${workspace.name} — ${describeSize(workspace)}`);
    return EXIT.ok;
  }
  for (const issue of issues) io.stdout(formatIssue(issue));
  // Past the listed problems the last line only counts the rest; the total counts every problem.
  const total = result.omitted ? issues.length - 1 + result.omitted : issues.length;
  io.stdout(`✗ ${path}: ${plural(total, 'problem')} found`);
  return EXIT.failed;
}

function usageError(io: CliIO, message: string): number {
  io.stderr(`cockpit validate: ${message}\n\n${validateUsage}`);
  return EXIT.usage;
}
