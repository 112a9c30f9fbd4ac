/**
 * OpenSSH host patterns, as used by `Host` lines in ~/.ssh/config and by plain known_hosts entries:
 * `*` matches any run of characters, `?` one character, `!pattern` excludes, and a list matches when some
 * pattern matches and no negated one does. Matching is case-insensitive, like OpenSSH's.
 */

export function wildcardMatch(pattern: string, text: string): boolean {
  const source = pattern
    .toLowerCase()
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.+()[\]{}|]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's').test(text.toLowerCase());
}

/** True when `text` matches the pattern list (comma- or space-separated already split by the caller). */
export function matchPatternList(patterns: readonly string[], text: string): boolean {
  let matched = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (!wildcardMatch(pattern, text)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}
