/** Deep links to a restore drill's evidence: `#/drills/<runId>`. Pure, unit-tested. */

export function drillHref(runId: string): string {
  return `#/drills/${encodeURIComponent(runId)}`;
}

/** The run id in `#/drills/<runId>`, or null (the Drills screen then shows its lists). */
export function drillRunFromHash(hash: string): string | null {
  const match = /^#\/?drills\/([^/?#]+)\/?(?:\?.*)?$/i.exec(hash.trim());
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
