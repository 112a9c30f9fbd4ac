/**
 * "Did you mean …?" for misspelt keys and names. A typo (`enviroments`) or the kebab-case spelling of a camelCase
 * key (`warn-days` for `warnDays`) should cost the user one glance, not a trip to the docs.
 */

/** The closest candidate, or undefined when none is close enough to be a plausible typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  // The edit distance costs length × length; no name worth suggesting is this long.
  if (word.length > MAX_SUGGESTED_LENGTH) return undefined;
  const normal = normalize(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    // Same letters up to case and separators: certainly meant (warn-days → warnDays).
    if (normalize(candidate) === normal) return candidate;
    if (candidate.length > MAX_SUGGESTED_LENGTH) continue;
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A shortened name (`prod` for `production`) is as telling as a typo.
  if (bestDistance > 1 && word.length >= 3) {
    const prefixed = [...candidates].find((c) => c.toLowerCase().startsWith(word.toLowerCase()));
    if (prefixed) return prefixed;
  }
  const allowed = Math.max(1, Math.floor(Math.min(word.length, best?.length ?? 0) / 3));
  return bestDistance <= allowed ? best : undefined;
}

const MAX_SUGGESTED_LENGTH = 100;

function normalize(word: string): string {
  return word.replace(/[-_\s]/g, '').toLowerCase();
}

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row) row[j] = value;
    }
  }
  return at(a.length, b.length);
}

/** `"a", "b" or "c"` for messages. */
export function listWords(words: readonly string[], conjunction = 'or'): string {
  const quoted = words.map((w) => `"${w}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}
