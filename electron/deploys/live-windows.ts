/**
 * When was a release actually live? Before a rollback blames the release it leaves, the health evidence must look
 * only at the time that release served traffic: from the moment it last went live (its deploy's switch, or a
 * rollback to it) until now, minus the spans in which another release was live on some host — e.g. v1.6.0 deployed
 * after v1.5.0, failed its gate and was rolled back automatically: its failure is not v1.5.0's.
 *
 * The journal says when: every run journals each host's `current` as it changes (DeployRun.setState).
 */
import { type DeployResult, deployResults, hostOutcomeSchema } from '../../shared/model/deploys';
import { type Journal } from '../journal/types';

/** A run of this cockpit on one service@env, with the moments it changed a host's `current`. */
export interface JournaledRun {
  id: string;
  kind: 'deploy' | 'rollback';
  releaseId: string | null;
  result: DeployResult;
  startedAt: string;
  endedAt: string | null;
  /** Each host's `current` as the run changed it, oldest first; `release` null: where it points is not known. */
  switches: Array<{ at: string; host: string; release: string | null }>;
}

/** From the moment the release last went live until now, without the spans another release was live. */
export interface LiveWindow {
  since: Date;
  /** Whether `since` is a rollback to the release ("became current again") rather than its own deploy. */
  cameBack: boolean;
  excluding: Array<{ from: Date; to: Date; release: string | null }>;
}

function resultOf(outcome: unknown): DeployResult | null {
  if (!outcome || typeof outcome !== 'object' || !('result' in outcome)) return null;
  return deployResults.find((r) => r === outcome.result) ?? null;
}

const KINDS = { 'deploy.run': 'deploy', 'deploy.rollback': 'rollback' } as const;

export function journaledRuns(journal: Journal, service: string, environment: string, limit = 50): JournaledRun[] {
  const target = `${service}@${environment}`;
  const runs: JournaledRun[] = [];
  for (const [journalKind, kind] of Object.entries(KINDS)) {
    for (const action of journal.list({ limit, kind: journalKind }).actions) {
      if (action.target !== target) continue;
      const entries = journal.get(action.id)?.entries ?? [];
      const switches: JournaledRun['switches'] = [];
      let releaseId: string | null = null;
      let result: JournaledRun['result'] = action.status === 'running' ? 'running' : 'unknown';
      for (const entry of entries) {
        if (typeof entry.data?.releaseId === 'string') releaseId = entry.data.releaseId;
        const ended = resultOf(entry.data?.outcome);
        if (ended) result = ended;
        if (entry.data?.step !== 'host-state') continue;
        const state = hostOutcomeSchema.safeParse(entry.data.hostState);
        // "not-switched" is where a host stood before the run touched it: no change of `current`.
        if (!state.success || state.data.state === 'not-switched') continue;
        switches.push({
          at: entry.at,
          host: state.data.host,
          release: state.data.state === 'unknown' ? null : state.data.release,
        });
      }
      runs.push({
        id: action.id,
        kind,
        releaseId,
        result,
        startedAt: action.startedAt,
        endedAt: action.endedAt,
        switches,
      });
    }
  }
  return runs;
}

/**
 * The live window of `release`. `wentLive` is what the release itself says (its dated id, its directory's time);
 * a healthy run of this journal that switched to it later moves the start to that switch.
 */
export function liveWindow(release: string, wentLive: Date, runs: readonly JournaledRun[], now: Date): LiveWindow {
  let since = wentLive.getTime();
  let cameBack = false;
  let owner: string | null = null;
  for (const run of runs) {
    if (run.releaseId !== release || run.result !== 'healthy') continue;
    const switched = run.switches.find((s) => s.release === release);
    const at = Date.parse(switched?.at ?? run.startedAt);
    if (at >= since) {
      since = at;
      cameBack = run.kind === 'rollback';
      owner = run.id;
    }
  }

  // Replay every later change of `current` by other runs: while some host points elsewhere, another release is live.
  // A run still going is the one asking (a rollback deciding whether to mark what it leaves): the hosts it
  // switched away are not "another release live" in the past, they are the present.
  const changes = runs
    .filter((run) => run.id !== owner && run.result !== 'running')
    .flatMap((run) => run.switches.map((s) => ({ ...s, ms: Date.parse(s.at), endedAt: run.endedAt })))
    .filter((s) => s.ms > since && s.ms <= now.getTime())
    .sort((a, b) => a.ms - b.ms);
  const elsewhere = new Map<string, string | null>();
  const excluding: LiveWindow['excluding'] = [];
  let open: { from: number; release: string | null; endedAt: string | null } | null = null;
  for (const change of changes) {
    if (change.release === release) elsewhere.delete(change.host);
    else elsewhere.set(change.host, change.release);
    if (!open && elsewhere.size > 0) {
      open = { from: change.ms, release: change.release, endedAt: change.endedAt };
    } else if (open && elsewhere.size === 0) {
      excluding.push({ from: new Date(open.from), to: new Date(change.ms), release: open.release });
      open = null;
    }
  }
  if (open) {
    // The journal never saw the hosts come back, yet the release is current now (someone put it back outside a
    // run of this cockpit): the other release was live at most until its run ended.
    const end = open.endedAt ? Math.min(Date.parse(open.endedAt), now.getTime()) : now.getTime();
    excluding.push({ from: new Date(open.from), to: new Date(Math.max(end, open.from)), release: open.release });
  }
  return { since: new Date(since), cameBack, excluding };
}
