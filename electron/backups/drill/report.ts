/**
 * A restore drill's evidence as a Markdown report for an auditor, a postmortem or the team's wiki: the verdict,
 * which copy (and why), RTO and RPO against their targets, each phase, each smoke check with its command, exit
 * code, expectation and output, the teardown, and who ran it when. Outputs are the redacted tails kept in the
 * evidence; the commands' environment (where secrets go) is never part of it.
 */
import { type RestoreDrill } from '../../../shared/model/backups';
import { humanDuration } from '../../health/words';
import { againstTarget, missedTargets } from './measure';

function fence(text: string, lang = ''): string {
  // A fence longer than any run of backticks inside, so output holding ``` cannot close it early.
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const bar = '`'.repeat(longest + 1);
  return `${bar}${lang}\n${text.replace(/\s+$/, '')}\n${bar}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function size(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]} (${bytes} bytes)`;
}

const verdicts: Record<RestoreDrill['status'], string> = {
  succeeded: '✅ Succeeded',
  failed: '❌ Failed',
  cancelled: '⏹ Cancelled',
  running: '⏳ Still running',
};

export function reportFilename(drill: RestoreDrill): string {
  const date = drill.startedAt.slice(0, 10);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `restore-drill-${safe(drill.service)}-${safe(drill.backup)}-${date}.md`;
}

export function drillReport(drill: RestoreDrill): { filename: string; text: string } {
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);
  const missed = drill.status === 'succeeded' ? missedTargets(drill) : [];

  add(`# Restore drill: ${drill.service}/${drill.backup}`, '');
  add(`**Verdict: ${verdicts[drill.status]}${missed.length > 0 ? ' — target missed' : ''}**`, '');
  if (drill.summary) add(drill.summary, '');

  add('## Copy restored', '');
  if (drill.copy) {
    add(
      `- Copy: \`${drill.copy.id}\``,
      `- Taken: ${drill.copy.time}`,
      `- Size: ${size(drill.copy.size)}`,
      `- Location: \`${drill.copy.location}\``,
      `- Checksum: ${drill.checksum ? `\`${drill.checksum}\`` : 'not available for this source'}`,
      `- Why this copy: ${drill.copyChoice}`,
    );
    if (drill.copy.note) add(`- Note: ${drill.copy.note}`);
  } else {
    add('No copy was restored.');
  }
  add(`- Restored on: ${drill.host}${drill.environment ? ` (environment ${drill.environment})` : ''}`);
  add(`- Scratch target: \`${drill.scratch}\``, '');

  add('## Recovery objectives', '');
  add('| Measure | Achieved | Target | Verdict |', '|---|---|---|---|');
  const row = (label: 'RTO' | 'RPO', achieved: number | null, target: number, what: string) => {
    const verdict = achieved === null ? 'not measured' : achieved > target ? '❌ over target' : '✅ within target';
    add(
      `| ${label} (${what}) | ${achieved === null ? '—' : humanDuration(achieved)} | ${humanDuration(target)} | ${verdict} |`,
    );
  };
  row('RTO', drill.rtoMs, drill.rtoTargetMs, 'restore start → checks passed');
  row(
    'RPO',
    drill.rpoMs,
    drill.rpoTargetMs,
    `age of the data restored${drill.rpoFrom ? `, from ${drill.rpoFrom}` : ''}`,
  );
  add('');
  if (missed.length > 0) add(`Targets missed: ${missed.join('; ')}.`, '');
  else if (drill.rtoMs !== null) add(`${againstTarget('RTO', drill.rtoMs, drill.rtoTargetMs)}.`, '');

  add('## Phases', '');
  add('| Phase | Started | Duration | Result | Detail |', '|---|---|---|---|---|');
  for (const p of drill.phases) {
    add(
      `| ${p.name} | ${p.startedAt} | ${humanDuration(p.durationMs)} | ${p.ok ? '✅ ok' : '❌ failed'} | ${cell(p.detail ?? '')} |`,
    );
  }
  if (drill.phases.length === 0) add('| — | — | — | — | no phase ran |');
  add('');

  add('## Smoke checks', '');
  if (drill.checks.length === 0) add('No smoke check ran.', '');
  for (const c of drill.checks) {
    add(`### ${c.ok ? '✅' : '❌'} ${c.name}`, '');
    add(fence(c.command, 'sh'), '');
    add(
      `- Exit code: ${c.exitCode ?? 'none (the command did not finish)'}`,
      `- Expected: ${c.expected ?? 'exit code 0'}`,
      `- Verdict: ${c.ok ? 'passed' : `failed — ${c.detail ?? 'no detail'}`}`,
      `- Duration: ${humanDuration(c.durationMs)}`,
    );
    if (c.dataTime) add(`- Newest data time printed: ${c.dataTime}`);
    add('', 'Output (tail):', '', fence(c.output || '(no output)'), '');
  }

  add('## Teardown', '');
  const teardown = drill.phases.find((p) => p.name === 'teardown');
  if (drill.teardownOk === null) {
    add(
      drill.phases.some((p) => p.name === 'restore')
        ? 'No teardown is declared: the scratch target was left as the restore made it.'
        : 'Nothing was restored, so there was nothing to tear down.',
      '',
    );
  } else {
    add(drill.teardownOk ? `✅ ${teardown?.detail ?? 'done'}` : `❌ ${teardown?.detail ?? 'teardown failed'}`, '');
  }

  add('## Commands', '');
  for (const c of drill.commands) {
    add(
      `- ${c.phase}: \`${c.command.replace(/`/g, "'")}\` → exit ${c.exitCode ?? '—'} in ${humanDuration(c.durationMs)}`,
    );
  }
  if (drill.commands.length === 0) add('No command ran.');
  add('');

  add('## Who and when', '');
  add(
    `- Run by: ${drill.actor}`,
    `- Started: ${drill.startedAt}`,
    `- Ended: ${drill.endedAt ?? 'still running'}`,
    `- Run id: ${drill.runId}`,
    '',
  );
  return { filename: reportFilename(drill), text: lines.join('\n') };
}
