/**
 * How deploys read in a terminal (`cockpit deploy|rollback|history|lock`): the live log line by line, each line
 * prefixed with its host, a run's end with where each host stands and the way back, the history as a table.
 * Plain text (no colours), so it reads the same in a pipe, a CI log and a terminal.
 */
import {
  type DeployHistory,
  type DeployOutcome,
  type LockStatus,
  type RunEvent,
  type RunProblem,
} from '../../shared/model/deploys';
import { safeLine, safeText } from '../../shared/text/control-chars';
import { type ReleaseBadge, type RollbackOptions } from '../../shared/api/deploys';
import { span } from './labels';
import { quote } from '../remote/quote';
import { describeHolder } from './lock';

const STATE: Record<string, string> = {
  'not-switched': 'not switched',
  switched: 'switched (not yet checked)',
  healthy: 'healthy',
  'rolled-back': 'rolled back',
  unknown: 'UNKNOWN — check it',
};

/** Turns the live events of a run into terminal lines; output is cut into whole lines per host and stream. */
export function createLiveLog(write: (line: string) => void) {
  const partial = new Map<string, string>();
  const prefix = (host: string | null) => `[${host ?? 'local'}]`;
  const flushPartial = (key?: string) => {
    for (const [k, rest] of partial) {
      if (key !== undefined && k !== key) continue;
      if (rest) write(`${k} ${rest}`);
      partial.delete(k);
    }
  };
  return (event: RunEvent) => {
    switch (event.type) {
      case 'run.started':
        write(`▶ ${event.title} — ${event.hosts.join(', ') || 'no hosts'} (run ${event.runId})`);
        break;
      case 'step.started':
        write(`${prefix(event.host)} ▸ ${event.title}${event.command ? `: ${event.command}` : ''}`);
        break;
      case 'output': {
        const key = prefix(event.host);
        const text = (partial.get(key) ?? '') + event.text;
        const lines = text.split('\n');
        partial.set(key, lines.pop() ?? '');
        for (const line of lines) write(`${key}   ${line}`);
        break;
      }
      case 'step.ended':
        flushPartial(prefix(event.host));
        write(
          event.ok
            ? `${prefix(event.host)} ✓ ${event.title} (${span(event.durationMs)})`
            : `${prefix(event.host)} ✗ ${event.title}${event.exitCode !== null ? ` — exit ${event.exitCode}` : ''}${event.error ? `: ${event.error}` : ''}`,
        );
        break;
      case 'run.ended':
        flushPartial();
        break;
    }
  };
}

export function outcomeText(
  status: string,
  summary: string,
  outcome: DeployOutcome | null,
  problem: RunProblem | null,
  target?: { service: string; environment: string },
) {
  // Summaries, details and failures quote refs, reasons, paths and host output: data, shown but never obeyed.
  const lines = [`${status === 'succeeded' ? '✓' : '✗'} ${safeText(summary)}`];
  if (outcome) {
    if (outcome.hosts.length > 0) {
      lines.push('Hosts:');
      for (const h of outcome.hosts) {
        lines.push(
          `  ${safeLine(h.host).padEnd(16)} ${STATE[h.state] ?? h.state}${h.release ? ` · ${safeLine(h.release)}` : ''}${h.detail ? ` — ${safeText(h.detail)}` : ''}`,
        );
      }
    }
    const f = outcome.failure;
    if (f) {
      lines.push(
        `Failed step: ${f.step}${f.host ? ` on ${safeLine(f.host)}` : ''}${f.exitCode !== null ? ` (exit ${f.exitCode})` : ''}: ${safeText(f.message)}`,
      );
      if (f.command) lines.push(`  command: ${safeText(f.command)}`);
    }
    if (outcome.wayBack) {
      lines.push(`The way back: ${safeText(outcome.wayBack.summary)}`);
      for (const c of outcome.wayBack.commands) lines.push(`  ${safeLine(c)}`);
    }
  }
  if (problem) lines.push(...problemText(problem, target));
  return lines.join('\n');
}

/** The one command that releases a lock, with the real names (placeholders only when they are not known). */
export function lockReleaseCommand(
  target: { service: string; environment: string } | undefined,
  how: '--force' | '--stale',
  reason: string,
): string {
  const names = target ? `${target.service} --env ${target.environment}` : 'SERVICE --env ENV';
  return `cockpit lock release ${names} ${how} --reason ${quote(reason)}`;
}

export function problemText(problem: RunProblem, target?: { service: string; environment: string }): string[] {
  switch (problem.kind) {
    case 'locked':
      return [
        'Locked:',
        ...problem.locks.map((l) => `  ${safeLine(describeHolder(l.host, l.info))}`),
        `Wait for it to finish, or: ${lockReleaseCommand(target, '--force', 'the run that held it is gone')}`,
      ];
    case 'host-key-unknown':
      return [
        `${problem.host} (${problem.endpoint}) is not known yet. Its ${problem.keyType} key fingerprint is`,
        `  ${problem.fingerprint}`,
        'Compare it with the host’s own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the host), then trust it in',
        'the app (Deploys → the run → Trust this host), or add it to ~/.ssh/known_hosts yourself.',
      ];
    case 'host-key-changed':
      return [
        `REFUSED: the host key of ${problem.host} (${problem.endpoint}) has CHANGED.`,
        `  known:   ${problem.oldFingerprints.join(', ')}`,
        `  offered: ${problem.newFingerprint}`,
        'This may be an attack, or the host was rebuilt. Only once you know which, remove the old key:',
        ...problem.resolve.map((r) => `  ${r}`),
      ];
    case 'unreachable':
      return [
        `Could not reach ${safeLine(problem.host ?? 'a host')}${problem.transport ? ` (${problem.transport})` : ''}: ${safeText(problem.message)}`,
      ];
  }
}

const RESULT: Record<string, string> = {
  healthy: 'healthy',
  failed: 'FAILED',
  'rolled-back': 'rolled back',
  bad: 'BAD',
  unknown: 'unknown',
  running: 'running',
  cancelled: 'cancelled',
};

/**
 * The history as a table: each record's release id (what `rollback --to` takes) and the hosts it touched. Refs,
 * actors, hosts and messages come from journals and hosts other people wrote to: they are escaped, never obeyed.
 */
export function historyText(history: DeployHistory, now: Date): string {
  const lines = [`${safeLine(history.service)} in ${safeLine(history.environment)}`];
  lines.push(
    `  current:         ${safeLine(history.current ?? (history.currentByHost.map((c) => `${c.host}=${c.release ?? 'none'}`).join(', ') || 'none'))}`,
  );
  lines.push(`  last known good: ${safeLine(history.lastGood ?? 'none')}`);
  lines.push(`  rollback target: ${safeLine(history.rollbackTarget ?? 'none')}`);
  for (const lock of history.locks.filter((l) => l.held))
    lines.push(`  LOCKED: ${safeLine(describeHolder(lock.host, lock.info))}`);
  for (const u of history.unreachable) lines.push(`  unreachable: ${safeLine(u.host)}: ${safeLine(u.message)}`);
  lines.push('');
  if (history.records.length === 0) lines.push('  No deploys yet.');
  const refs = history.records.map((r) => safeLine(r.ref ?? r.releaseId ?? '?'));
  const width = Math.max(14, ...refs.map((r) => r.length));
  history.records.forEach((r, i) => {
    const when = span(now.getTime() - Date.parse(r.startedAt));
    const who = r.external ? 'outside the app' : safeLine(r.actor ?? 'someone');
    const hosts = r.hosts.length > 0 ? `on ${r.hosts.map(safeLine).join(', ')}` : 'on no host';
    lines.push(
      [
        `  ${when.padStart(8)} ago`,
        r.kind.padEnd(8),
        (refs[i] ?? '?').padEnd(width),
        (r.interrupted ? 'interrupted' : (RESULT[r.result] ?? r.result)).padEnd(11),
        who,
        r.durationMs !== null ? `· ${span(r.durationMs)}` : '',
        // The id is what `rollback --to` takes; the ref alone may name several releases.
        `· ${r.releaseId ? `release ${safeLine(r.releaseId)} ` : ''}${hosts}`,
      ]
        .filter((part) => part !== '')
        .join('  '),
    );
  });
  if (history.records.some((r) => r.releaseId)) {
    lines.push(
      '',
      `  Roll back to one: cockpit rollback ${safeLine(history.service)} --env ${safeLine(history.environment)} --to RELEASE-ID`,
    );
  }
  const d = history.dora;
  lines.push(
    '',
    `  Last ${d.windowDays} days: ${d.deploys} deploys (${d.deploysPerWeek}/week) · change failure rate ${d.changeFailureRate === null ? '—' : `${Math.round(d.changeFailureRate * 100)} %`} · time to restore ${d.timeToRestoreMs === null ? '—' : span(d.timeToRestoreMs)}`,
  );
  return lines.join('\n');
}

export function lockText(status: LockStatus): string {
  const lines = [
    `Deploy lock of ${safeLine(status.service)} in ${safeLine(status.environment)} (${safeLine(status.path)}/.cockpit-lock):`,
  ];
  // Who holds a lock and why is written by whoever took it: shown escaped.
  for (const h of status.hosts) {
    if (h.error) lines.push(`  ${safeLine(h.host)}: could not ask: ${safeLine(h.error)}`);
    else if (h.held && h.stale)
      lines.push(`  STALE ${safeLine(describeHolder(h.host, h.info))} — ${safeLine(h.stale)}`);
    else lines.push(`  ${safeLine(h.held ? describeHolder(h.host, h.info) : `${h.host}: free`)}`);
  }
  if (status.hosts.some((h) => h.held && h.stale)) {
    lines.push(
      'Its run is gone: release it in one step with',
      `  ${lockReleaseCommand(status, '--stale', 'left by a run that no longer exists')}`,
    );
  }
  return lines.join('\n');
}

const BADGE: Record<ReleaseBadge, string> = {
  bad: 'BAD',
  'failed-gate': 'failed gate',
  'outside-app': 'outside the app',
  'not-everywhere': 'not on every host',
};

/** `cockpit rollback --list`: every choice with its badges, the default starred, and the mark-bad evidence. */
export function rollbackListText(choices: RollbackOptions): string {
  // Ids and labels come from the hosts (releases made outside the app too): shown escaped, never obeyed.
  const lines = [`Now: ${safeLine(choices.current ?? 'differs per host')}`];
  if (choices.problem) lines.push(`No default: ${safeText(choices.problem)}`);
  for (const o of choices.options) {
    const badges = o.badges.map((b) =>
      b === 'not-everywhere' && o.missingOn.length > 0
        ? `not on every host (missing on ${o.missingOn.join(', ')})`
        : BADGE[b],
    );
    lines.push(
      `  ${o.isDefault ? '*' : ' '} ${safeLine(o.id)}  ${safeLine(o.label)}${badges.length > 0 ? `  [${badges.join(', ')}]` : ''}`,
    );
  }
  const e = choices.markEvidence;
  if (e) {
    lines.push(
      `Evidence: ${e.line}.`,
      `By default the rollback ${choices.markBadDefault ? 'marks' : 'does not mark'} ${e.release} BAD_RELEASE (--mark-bad / --no-mark-bad to choose).`,
    );
  }
  return lines.join('\n');
}
