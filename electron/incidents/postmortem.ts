/**
 * The post-mortem: a Markdown draft written from the timeline until a person saves their own text. It says the
 * impact window, what changed before it, what was done, the figures and the action items (at most three), so the
 * meeting starts from the evidence instead of from memory.
 */
import { type ActionItem, type IncidentEvent } from '../../shared/model/incidents';
import { figureText, figuresOf } from './figures';
import { type StoredIncident } from './store';

/** "2026-12-06 10:04:05 UTC": one unambiguous form for a document that travels. */
export function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

function line(e: IncidentEvent): string {
  return `- ${utc(e.at)} — ${e.title}${e.detail ? ` (${e.detail})` : ''}`;
}

export function actionItemsMarkdown(items: readonly ActionItem[]): string {
  if (items.length === 0) return '_None yet: add up to three, each with an owner and a due date._';
  return items
    .map((item) => {
      const who = [item.owner ? `owner: ${item.owner}` : null, item.due ? `due ${item.due}` : null].filter(Boolean);
      return `- [${item.done ? 'x' : ' '}] ${item.text}${who.length ? ` — ${who.join(', ')}` : ''}`;
    })
    .join('\n');
}

export function draftPostmortem(incident: StoredIncident, now: Date): string {
  const figures = figuresOf(incident);
  const end = incident.resolvedAt;
  const lasted = (end ? Date.parse(end) : now.getTime()) - Date.parse(incident.startedAt);
  const changes = incident.timeline.filter((e) => e.kind === 'change');
  const done = incident.timeline.filter((e) => e.kind === 'action' || e.kind === 'acknowledged');
  const lines = [
    `# ${incident.title}`,
    '',
    ...(incident.drillId
      ? [
          `> Practice incident: caused by rollback drill ${incident.drillId}. Its figures are kept apart from real ones.`,
          '',
        ]
      : []),
    '## Impact',
    '',
    `- Service: ${incident.service} in ${incident.environment}`,
    `- Started: ${utc(incident.startedAt)} (first failing sample)`,
    end ? `- Recovered: ${utc(end)}` : '- Recovered: still open',
    end ? `- Duration: ${figureText(lasted)}` : `- Duration: still open (${figureText(lasted)} so far)`,
    `- What failed: ${incident.cause ?? 'unknown'}`,
    '',
    '## What changed before it',
    '',
    changes.length ? changes.map(line).join('\n') : '_No deploys, rollbacks or workspace changes in the hour before._',
    '',
    '## What was done',
    '',
    done.length ? done.map(line).join('\n') : '_Nothing was done through the cockpit._',
    '',
    '## Figures',
    '',
    `- Time to detect (first failing sample → alert): ${figureText(figures.detectMs)}`,
    `- Time to acknowledge (alert → "I'm on it"): ${figureText(figures.acknowledgeMs)}`,
    `- Time to recover (first failing sample → healthy): ${figureText(figures.recoverMs)}`,
    '',
    '## Timeline',
    '',
    incident.timeline.map(line).join('\n'),
    '',
    '## Action items',
    '',
    actionItemsMarkdown(incident.actionItems),
    '',
  ];
  return lines.join('\n');
}

/** The saved text, else the draft; the action items are appended to a saved text that does not list them. */
export function exportPostmortem(incident: StoredIncident, now: Date): { markdown: string; fileName: string } {
  const saved = incident.postmortem.saved;
  let markdown = saved ?? draftPostmortem(incident, now);
  const missing = incident.actionItems.filter((item) => !markdown.includes(item.text));
  if (saved !== null && missing.length > 0) {
    markdown = `${markdown.trimEnd()}\n\n## Action items\n\n${actionItemsMarkdown(incident.actionItems)}\n`;
  }
  return { markdown, fileName: postmortemFileName(incident) };
}

/** `incident-checkout-staging-2026-12-06.md` */
export function postmortemFileName(incident: Pick<StoredIncident, 'service' | 'environment' | 'startedAt'>): string {
  const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `incident-${safe(incident.service)}-${safe(incident.environment)}-${incident.startedAt.slice(0, 10)}.md`;
}
