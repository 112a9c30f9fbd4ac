/**
 * Runbooks: what to do when a known failure happens, as buttons. The list (what each is for, its last run), and
 * the chosen one in an environment — steps beside its doc, Run, the live log and its runs.
 * `#/runbooks?id=restart-worker&env=production` opens one (the check detail and the alerts link here).
 */
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { type RunbookSummary } from '../../../shared/model/runbooks';
import { Card } from '../../components/Card';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { RelativeTime } from '../../components/RelativeTime';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill } from '../../components/StatusPill';
import { loadRunbook, loadRunbooksList } from './actions';
import { RunbookPage } from './RunbookPage';
import { runbookFromHash, runbookHref, runStatusTone } from './runbook-view';
import { detailKey, useRunbooks } from './store';

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;

const columns: Column<RunbookSummary>[] = [
  {
    key: 'title',
    header: 'Runbook',
    render: (r) => (
      <>
        <span className="cell-strong">{r.title}</span>
        <span className="cell-sub mono">{r.id}</span>
      </>
    ),
  },
  { key: 'service', header: 'Service', render: (r) => r.service },
  {
    key: 'envs',
    header: 'Environments',
    render: (r) => (r.environments.length > 0 ? r.environments.join(', ') : 'all'),
  },
  {
    key: 'for',
    header: 'For checks',
    render: (r) =>
      r.for.length > 0 ? <span className="mono">{r.for.join(', ')}</span> : <span className="muted">—</span>,
  },
  {
    key: 'last',
    header: 'Last run',
    kind: 'nowrap',
    render: (r) =>
      r.lastRun ? (
        <>
          <StatusPill tone={runStatusTone[r.lastRun.status]}>{r.lastRun.status}</StatusPill>{' '}
          <span className="cell-sub">
            {r.lastRun.environment} · <RelativeTime iso={r.lastRun.startedAt} />
          </span>
        </>
      ) : (
        <span className="muted">never</span>
      ),
  },
];

export default function RunbooksScreen() {
  const list = useRunbooks((s) => s.list);
  const error = useRunbooks((s) => s.error);
  const address = runbookFromHash(useSyncExternalStore(subscribeHash, readHash));
  const chosen = (address && list?.find((r) => r.id === address.id)) ?? list?.[0] ?? null;
  const asked = address && chosen && address.id === chosen.id ? address.environment : null;
  const key = chosen ? detailKey(chosen.id, asked ?? '') : null;
  const detail = useRunbooks((s) => (key ? (s.details[key] ?? null) : null));
  const detailError = useRunbooks((s) => (key ? (s.detailErrors[key] ?? null) : null));
  const runButton = useRef<HTMLButtonElement | null>(null);
  const focusRun = useRef(false);

  useEffect(() => {
    if (list === null) void loadRunbooksList();
  }, [list]);
  const chosenId = chosen?.id ?? null;
  useEffect(() => {
    if (chosenId) void loadRunbook(chosenId, asked ?? undefined);
  }, [chosenId, asked]);
  // Enter on a runbook in the list picks it and puts the keyboard on its Run button: Enter again runs it.
  useEffect(() => {
    if (detail && focusRun.current) {
      focusRun.current = false;
      runButton.current?.focus();
    }
  }, [detail]);

  // The Run beside an alert asks once; the address then loses `run=1`, so a reload does not ask again.
  const onAsked = useCallback(() => {
    if (!detail) return;
    window.history.replaceState(window.history.state, '', runbookHref(detail.id, detail.environment));
  }, [detail]);

  return (
    <>
      <ScreenHeader
        title="Runbooks"
        lead="What to do when a known failure happens, as buttons: each runs its steps on the service’s hosts with a live log. Enter on a runbook picks it; Enter again runs it."
      />
      {error && list === null ? (
        <p className="text-bad" role="alert">
          Could not read the runbooks: {error}
        </p>
      ) : list === null ? (
        <Skeleton height={120} label="Loading runbooks…" />
      ) : list.length === 0 ? (
        <EmptyState
          title="No runbooks yet"
          snippetLabel="Add to cockpit.yaml"
          snippet={
            'runbooks:\n  - id: restart-worker\n    title: Restart the worker\n    service: worker\n    doc: runbooks/restart-worker.md\n    for: [worker-live]\n    steps:\n      - run: systemctl restart worker\n      - gate: [worker-live]'
          }
        >
          A runbook says what to do when a known failure happens; the failing check and its alerts then offer it as a
          button.
        </EmptyState>
      ) : (
        <div className="runbooks-screen">
          <Card title="All runbooks" meta={`${list.length}`} flush>
            <div
              onKeyDownCapture={(e) => {
                if (e.key === 'Enter') focusRun.current = true;
              }}
            >
              <DataTable
                caption="Runbooks"
                columns={columns}
                rows={list}
                rowKey={(r) => r.id}
                selectedKey={chosen?.id ?? null}
                rowLabel={(r) => `${r.title} (${r.service})`}
                onSelect={(r) => {
                  // The runbook already shown: its page stays, so the keyboard goes to Run now.
                  if (detail?.id === r.id) {
                    if (focusRun.current) runButton.current?.focus();
                    focusRun.current = false;
                  } else window.location.hash = runbookHref(r.id);
                }}
              />
            </div>
          </Card>
          {detailError && !detail ? (
            <p className="text-bad" role="alert">
              Could not read {chosen?.title}: {detailError}
            </p>
          ) : detail ? (
            <RunbookPage
              key={detailKey(detail.id, detail.environment)}
              detail={detail}
              askToRun={address?.run === true && address.id === detail.id}
              onAsked={onAsked}
              runButton={runButton}
            />
          ) : (
            <Skeleton height={240} label="Loading the runbook…" />
          )}
        </div>
      )}
    </>
  );
}
