/**
 * Reads ~/.ssh/config from disk (with its Include files) for the pure parser. A missing file is an empty
 * config; an unreadable Include is skipped, as OpenSSH does.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { type SshConfigBlock, parseSshConfig } from './config';
import { wildcardMatch } from './patterns';

export function loadSshConfig(file: string, home: string): SshConfigBlock[] {
  const text = readOr(file);
  if (text === undefined) return [];
  return parseSshConfig(text, { include: (pattern) => includeFiles(pattern, dirname(file), home) });
}

function readOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Include paths are relative to ~/.ssh; `*` and `?` are allowed in the file name (not in directories). */
function includeFiles(pattern: string, sshDir: string, home: string): string[] {
  const expanded = pattern.startsWith('~/') ? join(home, pattern.slice(2)) : pattern;
  const full = isAbsolute(expanded) ? expanded : join(sshDir, expanded);
  const name = basename(full);
  if (!/[*?]/.test(name)) {
    const text = readOr(full);
    return text === undefined ? [] : [text];
  }
  let entries: string[];
  try {
    entries = readdirSync(dirname(full)).sort();
  } catch {
    return [];
  }
  return entries
    .filter((entry) => wildcardMatch(name, entry))
    .map((entry) => readOr(join(dirname(full), entry)))
    .filter((text): text is string => text !== undefined);
}
