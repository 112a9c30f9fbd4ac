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
import { span } from './labels';
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
) {
  const lines = [`${status === 'succeeded' ? '✓' : '✗'} ${summary}`];
  if (outcome) {
    if (outcome.hosts.length > 0) {
      lines.push('Hosts:');
      for (const h of outcome.hosts) {
        lines.push(
          `  ${h.host.padEnd(16)} ${STATE[h.state] ?? h.state}${h.release ? ` · ${h.release}` : ''}${h.detail ? ` — ${h.detail}` : ''}`,
        );
      }
    }
    const f = outcome.failure;
    if (f) {
      lines.push(
        `Failed step: ${f.step}${f.host ? ` on ${f.host}` : ''}${f.exitCode !== null ? ` (exit ${f.exitCode})` : ''}: ${f.message}`,
      );
      if (f.command) lines.push(`  command: ${f.command}`);
    }
    if (outcome.wayBack) {
      lines.push(`The way back: ${outcome.wayBack.summary}`);
      for (const c of outcome.wayBack.commands) lines.push(`  ${c}`);
    }
  }
  if (problem) lines.push(...problemText(problem));
  return lines.join('\n');
}

export function problemText(problem: RunProblem): string[] {
  switch (problem.kind) {
    case 'locked':
      return [
        'Locked:',
        ...problem.locks.map((l) => `  ${describeHolder(l.host, l.info)}`),
        'Wait for it to finish, or: cockpit lock release SERVICE --env ENV --force --reason "why"',
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
        `Could not reach ${problem.host ?? 'a host'}${problem.transport ? ` (${problem.transport})` : ''}: ${problem.message}`,
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

export function historyText(history: DeployHistory, now: Date): string {
  const lines = [`${history.service} in ${history.environment}`];
  lines.push(
    `  current:         ${history.current ?? (history.currentByHost.map((c) => `${c.host}=${c.release ?? 'none'}`).join(', ') || 'none')}`,
  );
  lines.push(`  last known good: ${history.lastGood ?? 'none'}`);
  lines.push(`  rollback target: ${history.rollbackTarget ?? 'none'}`);
  for (const lock of history.locks.filter((l) => l.held))
    lines.push(`  LOCKED: ${describeHolder(lock.host, lock.info)}`);
  for (const u of history.unreachable) lines.push(`  unreachable: ${u.host}: ${u.message}`);
  lines.push('');
  if (history.records.length === 0) lines.push('  No deploys yet.');
  for (const r of history.records) {
    const when = span(now.getTime() - Date.parse(r.startedAt));
    const who = r.external ? 'outside the app' : (r.actor ?? 'someone');
    lines.push(
      [
        `  ${when.padStart(8)} ago`,
        r.kind.padEnd(8),
        (r.ref ?? r.releaseId ?? '?').padEnd(14),
        (RESULT[r.result] ?? r.result).padEnd(11),
        who,
        r.durationMs !== null ? `· ${span(r.durationMs)}` : '',
      ].join('  '),
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
  const lines = [`Deploy lock of ${status.service} in ${status.environment} (${status.path}/.cockpit-lock):`];
  for (const h of status.hosts) {
    if (h.error) lines.push(`  ${h.host}: could not ask: ${h.error}`);
    else lines.push(`  ${h.held ? describeHolder(h.host, h.info) : `${h.host}: free`}`);
  }
  return lines.join('\n');
}
