/**
 * A runbook run as it happens: where each step stands ("Step 2 of 3"), the live log (the same run events and log
 * component as a deploy's), Cancel while it runs, then how it ended — on failure the host, command, exit code and
 * the output's tail.
 */
import { useMemo } from 'react';
import { type RunbookStepView } from '../../../shared/model/runbooks';
import { RunLog } from '../../components/RunLog';
import { StatusPill, type Tone } from '../../components/StatusPill';
import { logLines } from '../../lib/run-log';
import { cancelRunbookRun } from './actions';
import { runStatusFromEvents, runStatusTone, stepProgress, type StepState, stepStates } from './runbook-view';
import { type FollowedRun, useRunbooks } from './store';

const stepTone: Record<StepState, Tone> = { waiting: 'idle', running: 'running', done: 'ok', failed: 'bad' };
const stepWord: Record<StepState, string> = { waiting: 'waiting', running: 'running', done: 'done', failed: 'failed' };

interface Props {
  runId: string;
  title: string;
  steps: readonly RunbookStepView[];
}

export function RunbookRunPanel(props: Props) {
  const followed = useRunbooks((s) => s.runs[props.runId]);
  return <RunbookRunView {...props} followed={followed} />;
}

/** The panel for a run as this window knows it (the store's, or a test's). */
export function RunbookRunView({ runId, title, steps, followed }: Props & { followed: FollowedRun | undefined }) {
  const events = useMemo(() => followed?.events ?? [], [followed?.events]);
  const lines = useMemo(() => logLines(events, null), [events]);
  const states = useMemo(() => stepStates(steps, events), [steps, events]);
  const run = followed?.run ?? null;
  const status = runStatusFromEvents(events) ?? run?.status ?? 'running';
  const running = status === 'running';
  const progress = stepProgress(states);
  const ended = events.findLast((e) => e.type === 'run.ended');
  const summary = (ended?.type === 'run.ended' ? ended.summary : null) ?? run?.summary ?? null;
  const failure = run?.failure ?? (ended?.type === 'run.ended' ? (ended.outcome?.failure ?? null) : null);
  return (
    <div className="run-panel runbook-run" aria-busy={running} aria-label={`Run of ${title}`} role="group">
      <div className="run-head">
        <StatusPill tone={runStatusTone[status]}>{status}</StatusPill>
        <span className="run-title">{title}</span>
        <span className="muted run-meta">
          {run ? `${run.environment}${run.actor ? ` · by ${run.actor}` : ''}` : 'starting…'}
          {running && progress ? ` · ${progress}` : ''}
        </span>
        {running ? (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => void cancelRunbookRun(runId)}
            aria-label={`Cancel the run of ${title}`}
          >
            Cancel
          </button>
        ) : null}
      </div>
      {steps.length > 0 ? (
        <ol className="runbook-progress" aria-label="Steps of this run">
          {steps.map((step, i) => (
            <li key={step.index} className={`runbook-progress-step is-${states[i] ?? 'waiting'}`}>
              <StatusPill tone={stepTone[states[i] ?? 'waiting']}>{stepWord[states[i] ?? 'waiting']}</StatusPill>
              <span>{step.title}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <RunLog
        title={title}
        lines={lines}
        running={running}
        before={
          followed?.truncated ? (
            <div className="log-line log-note">… earlier output not shown (the journal has it all)</div>
          ) : lines.length === 0 ? (
            <div className="log-line log-note">Waiting for the first step…</div>
          ) : null
        }
      />
      {!running ? (
        <div className={`run-end run-end-${runStatusTone[status]}`} role="status">
          {summary ? <p className="run-summary">{summary}</p> : null}
          {failure ? (
            <div className="run-failure">
              <p>
                <strong>{status === 'cancelled' ? 'Cancelled during:' : 'Failed step:'}</strong> {failure.step}
                {failure.host ? ` on ${failure.host}` : ''}
                {failure.exitCode !== null ? ` · exit code ${failure.exitCode}` : ''}
                {failure.message ? ` · ${failure.message}` : ''}
              </p>
              {failure.command ? <code className="run-command">{failure.command}</code> : null}
              {failure.outputTail ? <pre className="run-tail">{failure.outputTail}</pre> : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
