/**
 * The audit log each host keeps in `<path>/.cockpit-audit.log`, so teammates (and their cockpits) see who did
 * what there: one tab-separated line per event — ISO time, actor, action, release, result, run id.
 */

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  release: string;
  result: string;
  runId: string;
}

const clean = (value: string) => value.replace(/[\t\r\n]+/g, ' ').trim() || '-';

export function formatAuditLine(entry: AuditEntry): string {
  return [entry.at, entry.actor, entry.action, entry.release, entry.result, entry.runId].map(clean).join('\t');
}

export function parseAuditLine(line: string): AuditEntry | null {
  const [at, actor, action, release, result, runId] = line.split('\t');
  if (!at || !actor || !action || !release || !result || Number.isNaN(Date.parse(at))) return null;
  return { at, actor, action, release, result, runId: runId ?? '-' };
}
