/**
 * One runbook in one environment: its steps as they will run there (numbered, with the command and the hosts) and
 * its doc side by side, the Run button, the live log of the run started here, and its runs below.
 */
import { type RefObject, useEffect, useState } from 'react';
import { type RunbookDetail, type RunbookRun } from '../../../shared/model/runbooks';
import { Card } from '../../components/Card';
import { Markdown } from '../../components/Markdown';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusPill } from '../../components/StatusPill';
import { duration } from '../../lib/run-log';
import { showRun, startRunbook } from './actions';
import { RunbookRunPanel } from './RunbookRunPanel';
import { runbookHref, runStatusTone } from './runbook-view';
import { RunDialog } from './RunDialog';
import { detailKey, useRunbooks } from './store';

const kindWords: Record<RunbookDetail['stepViews'][number]['kind'], string> = {
  run: 'run',
  confirm: 'ask',
  gate: 'health gate',
};

function Steps({ detail }: { detail: RunbookDetail }) {
  if (detail.stepViews.length === 0) return <p className="muted">No steps: this runbook is a document to read.</p>;
  return (
    <ol className="runbook-steps" aria-label={`Steps in ${detail.environment}`}>
      {detail.stepViews.map((step, i) => (
        <li key={step.index} className="runbook-step">
          <span className="runbook-step-number" aria-hidden="true">
            {i + 1}
          </span>
          <div className="runbook-step-body">
            <p className="runbook-step-title">
              <span className="badge">{kindWords[step.kind]}</span> {step.title}
            </p>
            {step.kind === 'run' ? (
              <code className="runbook-step-command">{step.text}</code>
            ) : step.text && !step.title.includes(step.text) ? (
              <p className="runbook-step-text">{step.text}</p>
            ) : null}
            {step.hosts.length > 0 ? (
              <p className="runbook-step-hosts muted">
                on <span className="mono">{step.hosts.join(', ')}</span>
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

function History({ detail }: { detail: RunbookDetail }) {
  if (detail.runs.length === 0) return <p className="muted">Not run yet in any environment.</p>;
  const took = (r: RunbookRun) =>
    r.endedAt ? duration(new Date(r.endedAt).getTime() - new Date(r.startedAt).getTime()) : '—';
  return (
    <div className="table-wrap">
      <table className="table runbook-history">
        <caption className="sr-only">Runs of {detail.title}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Result</th>
            <th scope="col">Where</th>
            <th scope="col">Started</th>
            <th scope="col">By</th>
            <th scope="col" className="col-num">
              Took
            </th>
            <th scope="col">What happened</th>
            <th scope="col">
              <span className="sr-only">Log</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.runs.map((r) => (
            <tr key={r.runId}>
              <td>
                <StatusPill tone={runStatusTone[r.status]}>{r.status}</StatusPill>
              </td>
              <td>{r.environment}</td>
              <td className="col-nowrap">
                <RelativeTime iso={r.startedAt} />
              </td>
              <td>{r.actor ?? '—'}</td>
              <td className="col-num">{took(r)}</td>
              <td className="runbook-history-summary">
                {r.summary ?? (r.status === 'running' ? 'running now' : '—')}
                {r.failure ? (
                  <span className="cell-sub">
                    {r.failure.host ? `${r.failure.host}: ` : ''}
                    {r.failure.command ? <code>{r.failure.command}</code> : r.failure.step}
                    {r.failure.exitCode !== null ? ` · exit code ${r.failure.exitCode}` : ''}
                  </span>
                ) : null}
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-xs"
                  onClick={() => showRun(detail.id, r.environment, r.runId)}
                  aria-label={`Show the log of the run started ${new Date(r.startedAt).toLocaleString()}`}
                >
                  Show log
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RunbookPage({
  detail,
  askToRun,
  onAsked,
  runButton,
}: {
  detail: RunbookDetail;
  /** The address asked to run it (the Run beside an alert): open the question once. */
  askToRun: boolean;
  onAsked: () => void;
  runButton: RefObject<HTMLButtonElement | null>;
}) {
  const key = detailKey(detail.id, detail.environment);
  const latest = useRunbooks((s) => s.latestRun[key] ?? null);
  const starting = useRunbooks((s) => s.starting.includes(key));
  // The page mounts for each runbook × environment: an address that asked to run it opens the question at once.
  const [asking, setAsking] = useState(askToRun && detail.stepViews.length > 0);
  const environments = detail.environments.length > 0 ? detail.environments : [detail.environment];
  const label = `Run ${detail.title} in ${detail.environment}`;

  useEffect(() => {
    if (askToRun) onAsked();
  }, [askToRun, onAsked]);

  // A run that is still going (started from another window or the CLI) shows its live log here too.
  const running = detail.runs.find((r) => r.status === 'running' && r.environment === detail.environment);
  useEffect(() => {
    if (!latest && running) showRun(detail.id, detail.environment, running.runId);
  }, [latest, running, detail.id, detail.environment]);

  const run = (confirmation?: string) =>
    void startRunbook(detail.id, detail.environment, confirmation).then((runId) => {
      if (runId) setAsking(false);
    });

  return (
    <div className="runbook-page">
      <Card
        title={detail.title}
        className="runbook-head"
        meta={
          <>
            {detail.service}
            {detail.for.length > 0 ? ` · for ${detail.for.join(', ')}` : ''}
            {detail.protected ? ` · ${detail.environment} is protected` : ''}
          </>
        }
        actions={
          detail.stepViews.length > 0 ? (
            <button
              ref={runButton}
              type="button"
              className="btn btn-primary"
              disabled={starting}
              onClick={() => (detail.protected ? setAsking(true) : run())}
            >
              {starting ? 'Starting…' : label}
            </button>
          ) : null
        }
      >
        <span className="muted">Steps and Run for</span>
        <div className="segmented" role="group" aria-label="Environment">
          {environments.map((env) => (
            <a
              key={env}
              href={runbookHref(detail.id, env)}
              className={env === detail.environment ? 'segment is-active' : 'segment'}
              aria-current={env === detail.environment ? 'true' : undefined}
            >
              {env}
            </a>
          ))}
        </div>
      </Card>

      {latest ? (
        <Card title="Run" className="runbook-run-card">
          <RunbookRunPanel runId={latest} title={detail.title} steps={detail.stepViews} />
        </Card>
      ) : null}

      <div className="runbook-columns">
        <Card title={`Steps in ${detail.environment}`} className="runbook-steps-card">
          <Steps detail={detail} />
        </Card>
        <Card title="Doc" meta={detail.doc ?? undefined} className="runbook-doc-card">
          {detail.docMarkdown !== null ? (
            <Markdown
              as="article"
              className="runbook-doc"
              markdown={detail.docMarkdown}
              label={`How to ${detail.title.toLowerCase()}`}
            />
          ) : detail.docProblem ? (
            <p className="text-warn">
              The doc could not be read: {detail.docProblem}. Fix the path under <code>doc:</code> in the workspace
              file.
            </p>
          ) : (
            <p className="muted">
              No doc. Add <code>doc: runbooks/{detail.id}.md</code> to this runbook to say when to use it and how to
              know it worked.
            </p>
          )}
        </Card>
      </div>

      <Card title="Runs" meta={detail.runs.length > 0 ? `${detail.runs.length} lately` : undefined}>
        <History detail={detail} />
      </Card>

      {asking ? <RunDialog detail={detail} busy={starting} onRun={run} onClose={() => setAsking(false)} /> : null}
    </div>
  );
}
