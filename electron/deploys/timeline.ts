/**
 * Deploys' part of the one timeline: each deploy and rollback this cockpit's journal recorded (the app's, the
 * CLI's, a drill's practice runs), from start to end, with its result. Lock conflicts are left out: nothing
 * happened. Deploys made outside the app are not included: they are known only from the hosts, read over SSH.
 */
import { deployOutcomeSchema, type DeployResult } from '../../shared/model/deploys';
import { type TimelineEntry } from '../../shared/model/timeline';
import { type Database } from '../journal/sqlite';
import { type TimelineSource } from '../features/types';
import { type RangedAction, journalActionsInRange, splitTarget, text } from '../journal/actions-in-range';
import { parseReleaseId } from './release-id';

/** A run lasts minutes; one begun a day before the range and still going is shown too. */
const LOOKBACK_MS = 86_400_000;

const tones: Record<DeployResult, TimelineEntry['tone']> = {
  healthy: 'ok',
  failed: 'bad',
  bad: 'bad',
  'rolled-back': 'warn',
  unknown: 'warn',
  running: 'info',
  cancelled: 'info',
};

const resultWords: Record<DeployResult, string> = {
  healthy: 'healthy',
  failed: 'failed',
  bad: 'marked bad',
  'rolled-back': 'rolled back automatically',
  unknown: 'result unknown',
  running: 'running',
  cancelled: 'cancelled',
};

function resultOf(action: RangedAction): DeployResult {
  const outcome = deployOutcomeSchema.shape.result.safeParse(
    (action.result?.outcome as Record<string, unknown> | undefined)?.result,
  );
  if (outcome.success) return outcome.data;
  if (action.status === 'running') return 'running';
  if (action.status === 'cancelled') return 'cancelled';
  if (action.status === 'interrupted') return 'unknown';
  return action.status === 'succeeded' ? 'healthy' : 'failed';
}

/** "v1.6.0" from a dated release id, else the id or the ref asked for. */
function releaseOf(action: RangedAction): string | null {
  const outcome = action.result?.outcome as Record<string, unknown> | undefined;
  const id =
    (typeof outcome?.releaseId === 'string' ? outcome.releaseId : null) ??
    text(action.intent, 'releaseId') ??
    text(action.intent, 'to');
  if (id) return parseReleaseId(id).ref ?? id;
  return text(action.intent, 'ref');
}

export function deployEntry(action: RangedAction): TimelineEntry | null {
  // A run refused because another held the lock changed nothing on the hosts.
  if (action.result && 'locks' in action.result) return null;
  const rollback = action.kind === 'deploy.rollback';
  const target = splitTarget(action.target);
  const service = text(action.intent, 'service') ?? target.service;
  const environment = text(action.intent, 'environment') ?? target.environment;
  const release = releaseOf(action);
  const practice = text(action.intent, 'practice') !== null;
  const title = rollback
    ? `Roll back ${service} in ${environment}${release ? ` to ${release}` : ''}`
    : `Deploy ${release ? `${release} to ` : ''}${service} in ${environment}`;
  const result = resultOf(action);
  return {
    id: `${rollback ? 'rollback' : 'deploy'}:${action.id}`,
    kind: rollback ? 'rollback' : 'deploy',
    at: action.startedAt,
    endAt: action.endedAt,
    service,
    environment,
    title: `${practice ? 'Practice: ' : ''}${title} — ${resultWords[result]}`,
    detail: [action.summary, `by ${action.actor}`].filter(Boolean).join(' · '),
    tone: tones[result],
    practice,
    link: { route: 'deploys', id: action.id },
  };
}

export function deploysTimeline(db: Database): TimelineSource {
  return function deploys(range) {
    return journalActionsInRange(db, {
      kinds: ['deploy.run', 'deploy.rollback'],
      from: range.from,
      to: range.to,
      lookbackMs: LOOKBACK_MS,
    })
      .filter((a) => range.service === undefined || a.target?.startsWith(`${range.service}@`))
      .map(deployEntry)
      .filter((e): e is TimelineEntry => e !== null);
  };
}
