/** The guided rollback drill's deep link, `#/drills/rollback/<id>`, both ways. */
export function rollbackDrillHref(id: string): string {
  return `#/drills/rollback/${encodeURIComponent(id)}`;
}

/** The drill id in `#/drills/rollback/<id>`, or null. */
export function rollbackDrillFromHash(hash: string): string | null {
  const match = /^#\/?drills\/rollback\/([^/?#]+)\/?(?:\?.*)?$/i.exec(hash.trim());
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
