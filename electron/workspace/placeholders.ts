/**
 * The engine fills `${release}`, `${host}` … in deploy commands already shell-quoted (electron/remote/quote.ts). An
 * author who quotes a placeholder as well (`"${release}"`) turns the engine's quotes inside out: the value is no
 * longer one word of data but text the shell reads. The engine stays safe even then (release names are checked and
 * filled for the quotes around them), but the file says something it does not mean, so it is rejected.
 */
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { type FieldPath, type Locator } from './locate';

const PLACEHOLDER = /^\$\{[A-Za-z_][A-Za-z0-9_.-]*\}/;

/** The `${name}` placeholders of a shell command that sit inside '…' or "…", in order. */
export function quotedPlaceholders(command: string): string[] {
  const found: string[] = [];
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (quote !== "'" && char === '\\') {
      i++;
      continue;
    }
    if (quote === null && (char === "'" || char === '"')) quote = char;
    else if (char === quote) quote = null;
    else if (quote !== null && char === '$') {
      const placeholder = PLACEHOLDER.exec(command.slice(i))?.[0];
      if (placeholder) {
        found.push(placeholder);
        i += placeholder.length - 1;
      }
    }
  }
  return found;
}

/**
 * Deploy commands (`services.*.deploy.*`, hooks included) and health checks' `ssh: { command }` with a quoted
 * placeholder. Only commands: other health check fields fill their `${vars}` as plain text.
 * @param data the file as plain data (before defaults), so paths match what the user wrote
 */
export function checkQuotedPlaceholders(data: unknown, locator: Locator): WorkspaceIssue[] {
  const issues: WorkspaceIssue[] = [];
  const walk = (value: unknown, path: FieldPath, depth: number): void => {
    if (depth > 16) return;
    if (typeof value === 'string') {
      const quoted = quotedPlaceholders(value);
      if (quoted.length === 0) return;
      const names = [...new Set(quoted)].join(', ');
      issues.push(
        locator.issue(path, {
          message: `${names} is quoted in the command; the engine quotes placeholders itself, and quoting them again would let their value run as shell code`,
          expected: `the placeholder without quotes around it, e.g. ./bin/deploy ${quoted[0] ?? '${release}'}`,
        }),
      );
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i], depth + 1));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key], depth + 1);
    }
  };
  const services = field(data, 'services');
  if (services === null || typeof services !== 'object') return issues;
  for (const [name, service] of Object.entries(services)) {
    const deploy = field(service, 'deploy');
    if (deploy !== undefined) walk(deploy, ['services', name, 'deploy'], 0);
    const health = field(service, 'health');
    if (!Array.isArray(health)) continue;
    health.forEach((check: unknown, i) => {
      const command = field(field(check, 'ssh'), 'command');
      if (typeof command === 'string') walk(command, ['services', name, 'health', i, 'ssh', 'command'], 0);
    });
  }
  return issues;
}

/** A property of plain data that may be anything (the file before the schema checked it). */
function field(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return Object.getOwnPropertyDescriptor(value, key)?.value;
}
