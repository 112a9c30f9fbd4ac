/**
 * One runbook as the on-call person sees it: numbered steps with their commands and hosts beside the doc, the Run
 * button naming the runbook and the environment, the runs below (a failure names host, command and exit code), and
 * a run's live panel: Cancel while it runs, the failed step's host, command, exit code and output once it ended.
 */
import { createRef } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { type RunEvent } from '../../../shared/model/deploys';
import { type RunbookDetail, type RunbookRun } from '../../../shared/model/runbooks';
import { type FollowedRun } from './store';

vi.mock('../../bridge', () => ({
  api: { on: () => () => undefined },
  connection: { get: () => 'open', subscribe: () => () => undefined },
  errorCode: () => null,
  errorMessage: (error: unknown) => String(error),
}));

// The shared clock is a live subscription with no server snapshot: a fixed time reads the same here.
vi.mock('../../components/RelativeTime', () => ({
  RelativeTime: ({ iso }: { iso: string | null }) => <time>{iso}</time>,
}));

const { RunbookPage } = await import('./RunbookPage');
const { RunbookRunView } = await import('./RunbookRunPanel');
const { RunbookOffer } = await import('./RunbookOffer');

const failedRun: RunbookRun = {
  runId: 'run-1',
  runbookId: 'restart-worker',
  title: 'Restart the worker',
  service: 'worker',
  environment: 'production',
  actor: 'ana',
  startedAt: new Date(Date.now() - 3_600_000).toISOString(),
  endedAt: new Date(Date.now() - 3_590_000).toISOString(),
  status: 'failed',
  summary: 'Failed on demo-prod-2',
  failure: {
    host: 'demo-prod-2',
    step: 'Restart the worker',
    command: "curl -fsS -X POST 'http://127.0.0.1:7204/__sandbox/heal'",
    exitCode: 7,
    reason: 'exit',
    message: 'exit code 7',
    outputTail: 'curl: (7) Failed to connect',
  },
  incidentId: null,
};

const detail: RunbookDetail = {
  id: 'restart-worker',
  title: 'Restart the worker',
  service: 'worker',
  environments: ['production'],
  for: ['worker-live'],
  covers: [],
  steps: 2,
  doc: 'runbooks/restart-worker.md',
  lastRun: failedRun,
  environment: 'production',
  protected: true,
  stepViews: [
    {
      index: 1,
      kind: 'run',
      title: 'Restart the worker',
      text: "curl -fsS -X POST 'http://127.0.0.1:7204/__sandbox/heal'",
      hosts: ['demo-prod-1', 'demo-prod-2'],
    },
    { index: 2, kind: 'gate', title: 'Wait until worker-live passes', text: 'worker-live', hosts: [] },
  ],
  docMarkdown: '# When to use it\n\nWhen **worker-live** fails.',
  docProblem: null,
  runs: [failedRun],
};

const page = (d: RunbookDetail) =>
  renderToStaticMarkup(<RunbookPage detail={d} askToRun={false} onAsked={() => undefined} runButton={createRef()} />);

describe('a runbook’s page', () => {
  it('shows the numbered steps with commands and hosts beside the rendered doc, and Run naming where', () => {
    const html = page(detail);
    expect(html).toContain('Run Restart the worker in production</button>');
    expect(html).toContain('production is protected');
    expect(html).toMatch(/<ol class="runbook-steps" aria-label="Steps in production">/);
    expect(html).toContain('<span class="runbook-step-number" aria-hidden="true">1</span>');
    expect(html).toContain('<span class="badge">run</span> Restart the worker');
    expect(html).toContain(
      '<code class="runbook-step-command">curl -fsS -X POST &#x27;http://127.0.0.1:7204/__sandbox/heal&#x27;</code>',
    );
    expect(html).toContain('demo-prod-1, demo-prod-2');
    expect(html).toContain('<span class="badge">health gate</span> Wait until worker-live passes');
    expect(html).toContain('<h3>When to use it</h3><p>When <strong>worker-live</strong> fails.</p>');
  });

  it('lists its runs with what failed where', () => {
    const html = page(detail);
    expect(html).toContain('Runs of Restart the worker, newest first');
    expect(html).toContain('Failed on demo-prod-2');
    expect(html).toContain('demo-prod-2: <code>curl -fsS -X POST');
    expect(html).toContain(' · exit code 7');
    expect(html).toContain('>Show log</button>');
  });

  it('says why the doc is missing and what to do', () => {
    const html = page({ ...detail, docMarkdown: null, docProblem: 'runbooks/restart-worker.md: no such file' });
    expect(html).toContain('The doc could not be read: runbooks/restart-worker.md: no such file');
    const none = page({ ...detail, doc: null, docMarkdown: null });
    expect(none).toContain('No doc. Add <code>doc: runbooks/restart-worker.md</code>');
  });

  it('has no Run button for a document-only runbook', () => {
    const html = page({ ...detail, stepViews: [], steps: 0 });
    expect(html).not.toContain('Run Restart the worker in production');
    expect(html).toContain('No steps: this runbook is a document to read.');
  });
});

describe('a run’s live panel', () => {
  const start: RunEvent = {
    type: 'run.started',
    runId: 'run-2',
    kind: 'runbook',
    title: 'Restart the worker',
    hosts: ['demo-prod-1', 'demo-prod-2'],
    at: new Date().toISOString(),
  };
  const stepStart: RunEvent = {
    type: 'step.started',
    runId: 'run-2',
    host: 'demo-prod-1',
    step: 'run-1',
    title: 'Restart the worker',
    command: 'curl …',
    at: new Date().toISOString(),
  };
  const panel = (followed: FollowedRun) =>
    renderToStaticMarkup(
      <RunbookRunView runId="run-2" title="Restart the worker" steps={detail.stepViews} followed={followed} />,
    );

  it('shows the step running, its log and Cancel while it runs', () => {
    const html = panel({ run: null, events: [start, stepStart], truncated: false });
    expect(html).toContain('running');
    expect(html).toContain('Step 1 of 2');
    expect(html).toContain('aria-label="Cancel the run of Restart the worker"');
    expect(html).toContain('▸ Restart the worker — curl …');
  });

  it('names the host, command, exit code and output of the failed step once it ended', () => {
    const end: RunEvent = {
      type: 'run.ended',
      runId: 'run-2',
      status: 'failed',
      summary: 'Failed on demo-prod-2',
      outcome: null,
    };
    const html = panel({ run: { ...failedRun, runId: 'run-2' }, events: [start, stepStart, end], truncated: false });
    expect(html).not.toContain('Cancel the run');
    expect(html).toContain('<strong>Failed step:</strong> Restart the worker on demo-prod-2 · exit code 7');
    expect(html).toContain('<code class="run-command">curl -fsS -X POST');
    expect(html).toContain('curl: (7) Failed to connect');
  });
});

describe('the runbook offered beside a failing check or an alert', () => {
  it('names the runbook and runs it in that environment from the Runbooks screen', () => {
    const html = renderToStaticMarkup(<RunbookOffer runbooks={[detail]} environment="production" />);
    expect(html).toContain('Runbook:</span> <a href="#/runbooks?id=restart-worker&amp;env=production"');
    expect(html).toContain('href="#/runbooks?id=restart-worker&amp;env=production&amp;run=1"');
    expect(html).toContain('aria-label="Run Restart the worker in production">Run</a>');
    expect(renderToStaticMarkup(<RunbookOffer runbooks={[]} environment="production" />)).toBe('');
  });
});
