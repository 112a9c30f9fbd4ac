/**
 * How much a workspace file may ask of the parser. A real workspace — even a large one, a few hundred services —
 * stays far below each; a file past one is refused at the place it crosses it, in bounded time. Together they
 * keep judging any file up to the size limit well under a second (measured in hostile.test.ts).
 */
export const LIMITS = {
  /** YAML tokens (scalars, indicators, runs of spaces): the YAML parser costs about 1.5 µs each. */
  tokens: 120_000,
  /** Levels of nesting; the deepest workspace path (services.x.health.0.expect.json.equals) is 7. */
  depth: 64,
  /** Values in the file as written: scalars, mappings, lists and aliases. */
  nodes: 60_000,
  /** `*alias` uses. */
  aliases: 2_000,
  /** Values once every alias and merge key is expanded: what the schema check walks. */
  expanded: 200_000,
  /** Characters in one value or key: a script longer than this belongs in a file the workspace names. */
  scalarLength: 64 * 1024,
  /** Problems listed for one file; past it, one more entry says how many were left out. */
  issues: 100,
} as const;
