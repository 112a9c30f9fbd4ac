/**
 * ssh: host metrics read through the host's Transport (SSH, or local for the demo). load (1-minute average),
 * memory used %, disk used % of a mount, or a systemd unit that must be active. Runs on every host of the
 * environment (or the one named) at once; the worst host decides, and the reason names it. (History is kept under
 * one key per environment, as before; a deploy gate narrows a metric check to the host it just switched.)
 *
 * `ssh: { command }` is the other form (kinds/ssh-command.ts): the plan gives it one instance per host.
 */
import {
  type SshCheckConfig,
  type SshCommandConfig,
  type SshMetricConfig,
  isSshCommand,
} from '../../../shared/workspace/health';
import { type OutcomeStatus, statusSeverityOrder } from '../../../shared/model/health';
import { type ExecResult } from '../../remote/types';
import { humanDuration } from '../words';
import { commandSubject, execForCheck, runCommandOn } from './ssh-command';
import { parseDfP, parseIsActive, parseLoadavg, parseMeminfo, shellQuote } from './ssh-parse';
import { type CheckContext, type CheckKind, type CheckOutcome } from './types';

/** Without `max`, memory and disk above this are degraded; load has no default (it depends on the cores). */
export const DEFAULT_MAX_PERCENT = 90;

type Ssh = SshMetricConfig;

/** The command an ssh check runs on a host: the one that reads its metric, or the team's own. */
export function sshCommand(ssh: SshCheckConfig['ssh']): string {
  if (isSshCommand(ssh)) return ssh.command;
  switch (ssh.metric) {
    case 'load':
      return 'cat /proc/loadavg';
    case 'memory':
      return 'cat /proc/meminfo';
    case 'disk':
      return `df -P -- ${shellQuote(ssh.path)}`;
    case 'unit':
      return `systemctl is-active -- ${shellQuote(ssh.unit ?? '')}`;
  }
}

function metricWords(ssh: Ssh): string {
  if (ssh.metric === 'disk') return `disk ${ssh.path}`;
  if (ssh.metric === 'unit') return `unit ${ssh.unit ?? '?'}`;
  return ssh.metric;
}

/** Judges one host's command result. Exported for unit tests with canned output. */
export function judgeHost(ssh: Ssh, result: ExecResult): CheckOutcome & { value?: number } {
  if (result.timedOut) return { status: 'down', reason: `timed out after ${humanDuration(result.durationMs)}` };
  if (ssh.metric === 'unit') {
    const { active, state } = parseIsActive(result.stdout);
    return active
      ? { status: 'up', reason: `${ssh.unit} is active`, value: 1 }
      : { status: 'down', reason: `${ssh.unit} is ${state}`, value: 0 };
  }
  if (result.exitCode !== 0) {
    const why = (result.stderr || result.stdout).trim().split('\n').at(-1) ?? '';
    return { status: 'down', reason: `${sshCommand(ssh)} failed (exit ${result.exitCode ?? result.signal}): ${why}` };
  }
  let value: number;
  let unit = '%';
  if (ssh.metric === 'load') {
    value = parseLoadavg(result.stdout).load1;
    unit = '';
  } else if (ssh.metric === 'memory') {
    value = parseMeminfo(result.stdout).usedPercent;
  } else {
    value = parseDfP(result.stdout).usedPercent;
  }
  const max = ssh.max ?? (ssh.metric === 'load' ? undefined : DEFAULT_MAX_PERCENT);
  const shown = unit ? `${Math.round(value)}${unit}` : value.toFixed(2);
  const used = unit ? `${shown} used` : shown;
  if (max !== undefined && value > max) {
    return { status: 'degraded', reason: `${metricWords(ssh)} ${used} (max ${max}${unit})`, value };
  }
  return { status: 'up', reason: `${metricWords(ssh)} ${used}`, value };
}

async function checkHost(ssh: Ssh, host: string, context: CheckContext): Promise<CheckOutcome & { value?: number }> {
  const ran = await execForCheck(sshCommand(ssh), host, context);
  if ('outcome' in ran) return ran.outcome;
  const { result } = ran;
  try {
    return judgeHost(ssh, result);
  } catch (error) {
    return { status: 'down', reason: `unexpected output: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export const sshKind: CheckKind<SshCheckConfig> = {
  name: 'ssh',
  subject: (check) =>
    isSshCommand(check.ssh)
      ? commandSubject(check.ssh)
      : `${check.ssh.host ? `${check.ssh.host} ` : ''}${metricWords(check.ssh)}`,
  async run(check, context) {
    const ssh = check.ssh;
    // A planned command instance carries its one host in the context; a metric check may name one of its own.
    const hosts = !isSshCommand(ssh) && ssh.host ? [ssh.host] : context.environment.hosts;
    if (hosts.length === 0) return { status: 'down', reason: `environment ${context.environment.name} has no hosts` };
    if (isSshCommand(ssh)) return runCommandEverywhere(ssh, hosts, context);
    const started = performance.now();
    const results = await Promise.all(hosts.map((host) => checkHost(ssh, host, context)));
    const latencyMs = performance.now() - started;
    let worst: OutcomeStatus = 'up';
    const metrics: Record<string, number> = {};
    results.forEach((result, i) => {
      if (statusSeverityOrder[result.status] > statusSeverityOrder[worst]) worst = result.status;
      if (result.value !== undefined) metrics[hosts[i] as string] = Math.round(result.value * 100) / 100;
    });
    const values = Object.values(metrics);
    if (values.length > 0) metrics.value = Math.max(...values);
    const named = (i: number) => (hosts.length > 1 || !ssh.host ? `${hosts[i]}: ` : '');
    const failing = results.map((r, i) => ({ r, i })).filter(({ r }) => r.status !== 'up');
    const shown = failing.length > 0 ? failing : results.map((r, i) => ({ r, i }));
    const reason = shown.map(({ r, i }) => `${named(i)}${r.reason}`).join('; ');
    return { status: worst, latencyMs, reason, headline: reason, metrics };
  },
};

/** Normally one host (the instance's); the worst result decides when a caller passes several. */
async function runCommandEverywhere(
  ssh: SshCommandConfig,
  hosts: string[],
  context: CheckContext,
): Promise<CheckOutcome> {
  const started = performance.now();
  const results = await Promise.all(hosts.map((host) => runCommandOn(ssh, host, context)));
  const latencyMs = performance.now() - started;
  if (results.length === 1 && results[0]) return { ...results[0], latencyMs };
  let worst: OutcomeStatus = 'up';
  for (const r of results) if (statusSeverityOrder[r.status] > statusSeverityOrder[worst]) worst = r.status;
  const shown = results.map((r, i) => ({ r, i })).filter(({ r }) => worst === 'up' || r.status !== 'up');
  return { status: worst, latencyMs, reason: shown.map(({ r, i }) => `${hosts[i]}: ${r.reason}`).join('; ') };
}
