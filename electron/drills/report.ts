/**
 * A rollback drill as Markdown for the team's wiki, a post-mortem or an auditor — who ran it when and how it went,
 * the measures against the targets, the timeline, the cockpit's own time per step, what to improve, where each
 * host stands and the deploy runs it made — and the one sentence that sums it up for the journal, the Drills list
 * and the CLI's last line.
 */
import { type DrillPhase, type RollbackDrill } from '../../shared/model/drills';
import { formatDuration } from '../../shared/workspace/units';
import { between, durationWords, measureAgainstTarget, measureOf, recoverAction } from './measures';

const results: Record<RollbackDrill['status'], string> = {
  passed: '✅ Passed: recovered, every target met',
  'missed-target': '⚠️ Recovered, but a target was missed',
  failed: '❌ Failed',
  cancelled: '⏹ Cancelled',
  running: '⏳ Still running',
};

/** A table cell: a `|` or a line break inside would split the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Inline code that a backtick inside (a shell command may hold one) cannot close early. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const bar = '`'.repeat(longest + 1);
  return longest === 0 ? `${bar}${text}${bar}` : `${bar} ${text} ${bar}`;
}

/** "14:02:05" in UTC: the report is read in other time zones than the one it was made in. */
function clock(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(11, 19);
}

function day(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso.slice(0, 10) : new Date(ms).toISOString().slice(0, 10);
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-');
}

function subject(drill: RollbackDrill): string {
  return `${drill.service} on ${drill.environment}`;
}

/** Where each host stands, in words: "demo-stg runs v1.4.0, the release it returned to". */
export function hostsInWords(drill: RollbackDrill): string {
  if (drill.hosts.length === 0) return '';
  const returnTo = new Map(drill.plan.returnTo.map((r) => [r.host, r.release]));
  const each = drill.hosts.map((h) => {
    const expected = returnTo.get(h.host) ?? null;
    if (h.release === null) {
      return h.onReturnRelease
        ? `${h.host} is back as it was`
        : `${h.host} runs a release the cockpit could not read: check it on the Deploys screen`;
    }
    if (h.onReturnRelease) return `${h.host} runs ${h.release}, the release it returned to`;
    return `${h.host} runs ${h.release}, not ${expected ?? 'the release it ran before'}: roll it back from the Deploys screen`;
  });
  return `${each.join('; ')}.`;
}

function phaseTitle(drill: RollbackDrill): string {
  return drill.phases.find((p) => p.id === drill.phase)?.title ?? drill.phase;
}

/** What went wrong in a failed drill, from its evidence. */
function failure(drill: RollbackDrill): string {
  const failed = drill.phases.find((p) => p.status === 'failed');
  if (failed?.detail) return `failed at ${failed.title}: ${failed.detail}`;
  if (drill.times.injectedAt !== null && drill.times.detectedAt === null) {
    return drill.times.actedAt === null
      ? `failed: nothing noticed the failure within ${durationWords(drill.plan.detectTimeoutMs)}`
      : `failed: the checks had not noticed the failure when "${recoverAction(drill.plan.method)}" was pressed`;
  }
  if (drill.times.actedAt !== null && drill.times.recoveredAt === null) {
    return `failed: ${drill.service} did not pass its checks again after "${recoverAction(drill.plan.method)}"`;
  }
  return failed ? `failed at ${failed.title}` : 'failed';
}

/** How it went, with the measures that matter: the one sentence for `summary` and the CLI's last line. */
export function drillSummaryLine(drill: RollbackDrill): string {
  const name = `Rollback drill of ${subject(drill)}`;
  const hosts = hostsInWords(drill);
  // Host names keep their case, so the sentence about them opens with words of its own.
  const withHosts = (text: string) => (hosts ? `${text} Where the hosts stand: ${hosts}` : text);
  switch (drill.status) {
    case 'running':
      return `${name}: ${phaseTitle(drill)} in progress.`;
    case 'cancelled': {
      const injected = drill.times.injectedAt !== null || drill.injectRunId !== null;
      return withHosts(`${name} cancelled at ${phaseTitle(drill)}${injected ? '.' : ': nothing was changed.'}`);
    }
    case 'failed':
      return withHosts(`${name} ${failure(drill)}.`.replace(/\.\.$/, '.'));
    case 'passed':
    case 'missed-target': {
      const m = (id: 'detect' | 'alert' | 'recover' | 'total') => measureOf(drill.measures, id)?.ms ?? null;
      const parts: string[] = [];
      const detect = m('detect');
      const alert = m('alert');
      const recover = m('recover');
      const total = m('total');
      if (detect !== null) parts.push(`detected in ${durationWords(detect)}`);
      if (alert !== null) parts.push(`alert after ${durationWords(alert)}`);
      if (recover !== null) {
        parts.push(`recovered ${durationWords(recover)} after "${recoverAction(drill.plan.method)}"`);
      }
      const head = `${name}: ${parts.join(', ') || 'recovered'}${total === null ? '' : ` (${durationWords(total)} in all)`}`;
      const missed = drill.measures.filter((x) => x.met === false).map(measureAgainstTarget);
      return missed.length === 0 ? `${head}; every target met.` : `${head}; target missed: ${missed.join('; ')}.`;
    }
  }
}

function measuresTable(drill: RollbackDrill): string[] {
  const rows = drill.measures.map((m) => {
    const result = m.met === null ? (m.ms === null ? 'not measured' : '—') : m.met ? '✓ met' : '✗ missed';
    const missedBy =
      m.met === false && m.ms !== null && m.targetMs !== null ? ` by ${durationWords(m.ms - m.targetMs)}` : '';
    return `| ${m.label} | ${cell(m.span)} | ${m.ms === null ? '—' : durationWords(m.ms)} | ${m.targetMs === null ? '—' : durationWords(m.targetMs)} | ${result}${missedBy} |`;
  });
  return ['| Measure | From → to | Time | Target | Result |', '|:---|:---|---:|---:|:---|', ...rows];
}

function timeline(drill: RollbackDrill): string[] {
  if (drill.events.length === 0) return ['Nothing happened yet.'];
  const rows = [...drill.events]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((e) => {
      const since =
        drill.times.injectedAt !== null && Date.parse(e.at) >= Date.parse(drill.times.injectedAt)
          ? `+${durationWords(between(drill.times.injectedAt, e.at) ?? 0)}`
          : '—';
      return `| ${clock(e.at)} | ${since} | ${cell(e.title)} | ${cell(e.detail ?? '')} |`;
    });
  return ['| Time (UTC) | Since the failure | What | Detail |', '|:---|---:|:---|:---|', ...rows];
}

const phaseResults: Record<DrillPhase['status'], string> = {
  pending: 'not reached',
  running: 'running',
  waiting: 'waiting',
  passed: '✓ done',
  failed: '✗ failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

function steps(drill: RollbackDrill): string[] {
  const rows = drill.phases.map((p) => {
    const took = between(p.startedAt, p.endedAt);
    return `| ${p.title} | ${phaseResults[p.status]} | ${took === null ? '—' : durationWords(took)} | ${p.overheadMs === null ? '—' : durationWords(p.overheadMs)} | ${cell(p.detail ?? '')} |`;
  });
  return [
    "| Step | Result | Took | The cockpit's own time | Detail |",
    '|:---|:---|---:|---:|:---|',
    ...rows,
    '',
    "The cockpit's own time is its work in the step (SSH round trips, journal writes), apart from waiting on the checks or a person.",
  ];
}

function whatToImprove(drill: RollbackDrill): string[] {
  if (drill.status === 'running') return ['The drill is still running.'];
  if (drill.improvements.length === 0) return ['Nothing to improve.'];
  return drill.improvements.map(
    (i) => `- **${i.severity === 'fix' ? 'Fix' : 'Consider'}:** ${i.line}. _Evidence: ${i.evidence}._`,
  );
}

function hostsTable(drill: RollbackDrill): string[] {
  if (drill.hosts.length === 0) return ['No host was read.'];
  const returnTo = new Map(drill.plan.returnTo.map((r) => [r.host, r.release]));
  return [
    '| Host | Runs now | Returns to | Back on it |',
    '|:---|:---|:---|:---|',
    ...drill.hosts.map(
      (h) =>
        `| ${h.host} | ${h.release ?? 'unknown'} | ${returnTo.get(h.host) ?? '—'} | ${h.onReturnRelease ? '✓ yes' : '✗ no'} |`,
    ),
  ];
}

function how(drill: RollbackDrill): string {
  const plan = drill.plan;
  if (plan.method === 'release')
    return `deployed ${plan.breakRelease ?? 'the broken release'}, a release that fails its checks`;
  const heal = plan.healCommand === null ? '' : `, healed with ${code(plan.healCommand)}`;
  return `ran ${plan.breakCommand === null ? 'the break command' : code(plan.breakCommand)}${heal}`;
}

function watched(drill: RollbackDrill): string {
  if (drill.plan.watch.length === 0) return 'none';
  return drill.plan.watch
    .map(
      (c) => `${c.checkId} (${c.critical ? 'critical, ' : ''}every ${formatDuration(c.everyMs)}, retries ${c.retries})`,
    )
    .join(', ');
}

export function drillReportMarkdown(drill: RollbackDrill): { markdown: string; fileName: string } {
  const who = drill.auto
    ? `${drill.actor} (the cockpit pressed "${recoverAction(drill.plan.method)}" itself)`
    : drill.actor;
  const lines = [
    `# Rollback drill: ${subject(drill)}`,
    '',
    `- Date: ${day(drill.startedAt)}, ${clock(drill.startedAt)} UTC${drill.endedAt ? ` to ${clock(drill.endedAt)} UTC` : ''}`,
    `- Run by: ${who}`,
    `- Result: ${results[drill.status]}`,
    `- The failure: ${how(drill)}`,
    `- Watched checks: ${watched(drill)}; ${drill.plan.passes} passes in a row prove recovery`,
    `- Alerts: ${drill.alertsDelivered ? 'sent to the desktop and Slack, marked practice' : 'recorded, not sent (practice)'}`,
    `- Practice incident: ${drill.incidentId ?? 'none opened'}`,
    '',
    ...(drill.summary ? [drill.summary, ''] : []),
    '## Measures against the targets',
    '',
    ...measuresTable(drill),
    '',
    '## Timeline',
    '',
    ...timeline(drill),
    '',
    '## Steps',
    '',
    ...steps(drill),
    '',
    '## What to improve',
    '',
    ...whatToImprove(drill),
    '',
    '## Where each host stands',
    '',
    ...hostsTable(drill),
    '',
    '## Deploy runs',
    '',
    `- The failure: ${drill.injectRunId === null ? 'no deploy run' : code(drill.injectRunId)}`,
    `- The recovery: ${drill.recoverRunId === null ? 'no deploy run' : code(drill.recoverRunId)}`,
    '',
    ...(drill.injectRunId !== null || drill.recoverRunId !== null
      ? [
          'They are on the Deploys screen, marked practice: they do not count in the deploy figures and mark no release bad.',
          '',
        ]
      : []),
  ];
  return {
    markdown: lines.join('\n'),
    fileName: `rollback-drill-${safe(drill.service)}-${safe(drill.environment)}-${day(drill.startedAt)}.md`,
  };
}
