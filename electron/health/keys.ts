/** How a check, and one host's instance of it, is named: in keys (history, journals) and in words. */

export function checkKey(service: string, checkId: string, environment: string, host?: string): string {
  const key = `${service}/${checkId}@${environment}`;
  return host === undefined ? key : `${key}#${host}`;
}

/** The key an instance is grouped under (its check's environment-wide key): `a/b@c#web-1` → `a/b@c`. */
export function groupKey(key: string): string {
  const hash = key.indexOf('#');
  return hash < 0 ? key : key.slice(0, hash);
}

/** "ready on web-2", or just "ready" for an environment-wide check: how words name an instance. */
export function instanceName(check: { checkId: string; host?: string | null }): string {
  return check.host ? `${check.checkId} on ${check.host}` : check.checkId;
}
