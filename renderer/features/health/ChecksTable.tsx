/**
 * Every check, grouped by service × environment (each group headed by the service's status and reason): its
 * status and for how long, the last result in words, latency, uptime over 24 h / 7 d / 30 d, when it last ran,
 * and "Run now". Choosing a row (click, Enter or Space) opens its history right under it, without moving the
 * row; Escape or Close folds it again, and the arrow keys move between rows. A per-host check is one row with
 * its hosts listed under it. Dense on purpose: this is the on-call person's working table.
 */
import { Fragment, type KeyboardEvent, type ReactNode, useLayoutEffect, useMemo, useRef } from 'react';
import { type CheckRow, type ServiceRow } from '../../../shared/model/health';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusPill } from '../../components/StatusPill';
import { type HealthRow } from './health-rows';
import { formatLatency, formatUptime, lastingFor, statusWord, toneOf, uptimeNote } from './health-format';
import { runChecksNow, selectCheck } from './actions';
import { closeCheckDetail } from './detail-state';
import { keepRowAt, revealIfBelow } from './keep-in-place';
import { groupInstances } from './instance-groups';

interface Group {
  service: string;
  environment: string;
  row: ServiceRow | undefined;
  checks: CheckRow[];
}

/** Groups in the overview's order (failing first), checks in the workspace's order. */
function groupsOf(checks: readonly CheckRow[], services: readonly ServiceRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const s of services) {
    groups.set(`${s.service}@${s.environment}`, { service: s.service, environment: s.environment, row: s, checks: [] });
  }
  for (const c of checks) {
    const id = `${c.service}@${c.environment}`;
    const group = groups.get(id) ?? { service: c.service, environment: c.environment, row: undefined, checks: [] };
    group.checks.push(c);
    groups.set(id, group);
  }
  return [...groups.values()].filter((g) => g.checks.length > 0);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const COLUMNS = 9;

interface Props {
  checks: readonly CheckRow[];
  services: readonly ServiceRow[];
  declared: readonly HealthRow[];
  /** The check whose detail is open under its row. */
  selectedKey: string | null;
  /** That detail (the check's history), shown in a full-width row under the selected one. */
  detail: ReactNode;
  running: readonly string[];
  watching: boolean;
  now: number;
}

const rowSelector = (key: string) => `tr[data-check-key="${CSS.escape(key)}"]`;
const detailIdOf = (key: string) => `health-detail-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function ChecksTable({ checks, services, declared, selectedKey, detail, running, watching, now }: Props) {
  const table = useRef<HTMLTableElement>(null);
  // Where the chosen row was when it was pressed: after the re-render it is put back there.
  const pinned = useRef<{ key: string; top: number } | null>(null);
  useLayoutEffect(() => {
    const pin = pinned.current;
    pinned.current = null;
    if (!pin || pin.key !== selectedKey) return;
    const row = table.current?.querySelector<HTMLElement>(rowSelector(pin.key));
    if (!row) return;
    keepRowAt(row, pin.top);
    const heading = table.current?.querySelector<HTMLElement>(`#${detailIdOf(pin.key)} h2`);
    if (heading) revealIfBelow(heading);
  }, [selectedKey]);
  const groups = useMemo(() => groupsOf(checks, services), [checks, services]);
  const expects = useMemo(() => new Map(declared.map((d) => [`${d.service}/${d.id}`, d.expects])), [declared]);
  // As written in the file, `${vars}` and all: what every host's instance of a per-host check runs.
  const targets = useMemo(() => new Map(declared.map((d) => [`${d.service}/${d.id}`, d.target])), [declared]);
  const choose = (key: string, row: HTMLElement) => {
    pinned.current = { key, top: row.getBoundingClientRect().top };
    void selectCheck(key);
  };
  const onKey = (event: KeyboardEvent<HTMLTableRowElement>, key: string) => {
    // Keys pressed on the row's own "Run now" button are that button's.
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(key, event.currentTarget);
    } else if (event.key === 'Escape' && key === selectedKey) {
      event.preventDefault();
      closeCheckDetail(key);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const rows = [...(table.current?.querySelectorAll<HTMLElement>('tr[data-check-key]') ?? [])];
      const next = rows[rows.indexOf(event.currentTarget) + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    }
  };
  /** Escape anywhere in the open detail folds it and puts focus back on its row. */
  const onDetailKey = (event: KeyboardEvent<HTMLElement>, key: string) => {
    if (event.key !== 'Escape' || !(event.target instanceof Node) || !event.currentTarget.contains(event.target))
      return;
    event.preventDefault();
    table.current?.querySelector<HTMLElement>(rowSelector(key))?.focus();
    closeCheckDetail(key);
  };
  const all = running.includes('*');
  /** One check's row, or one host's row under a per-host check (indented, named by its host). */
  const renderCheck = (c: CheckRow) => {
    const groupKey = `${c.service}/${c.checkId}@${c.environment}`;
    const busy = all || running.includes(c.key) || (c.host !== undefined && running.includes(groupKey));
    const name = c.host ? `${c.checkId} on ${c.host}` : c.checkId;
    const selected = c.key === selectedKey;
    const lasting = c.status === 'up' ? '' : lastingFor(c.since, now);
    const detailId = detailIdOf(c.key);
    return (
      <Fragment key={c.key}>
        <tr
          data-check-key={c.key}
          className={
            [c.host ? 'health-instance' : '', selected ? 'is-selected' : ''].filter(Boolean).join(' ') || undefined
          }
          // A row cannot carry aria-expanded outside a treegrid: "current" plus the detail it controls says it.
          aria-current={selected ? true : undefined}
          aria-controls={selected ? detailId : undefined}
          tabIndex={0}
          aria-label={`${name} in ${c.environment}: ${c.status}. Show its history`}
          onClick={(e) => choose(c.key, e.currentTarget)}
          onKeyDown={(e) => onKey(e, c.key)}
        >
          <td>
            {c.host ? (
              <span className="cell-strong mono health-instance-host">
                <span className="sr-only">{c.checkId} on </span>
                {c.host}
              </span>
            ) : (
              <span className="cell-strong mono">{c.checkId}</span>
            )}
            <span className="cell-sub">
              {c.host ? null : <span className="badge">{c.kind}</span>}{' '}
              {/* An ssh command's instances all run the same line, already shown as the check's "expects". */}
              {c.host && c.kind === 'ssh' ? null : c.subject}
              {c.critical && !c.host ? (
                <span className="badge badge-strong" title="Failing makes the service down">
                  critical
                </span>
              ) : null}
            </span>
            {!c.host && expects.get(`${c.service}/${c.checkId}`) ? (
              <span className="cell-sub">expects {expects.get(`${c.service}/${c.checkId}`)}</span>
            ) : null}
          </td>
          <td className="nowrap">
            <StatusPill tone={toneOf(c.status)}>{statusWord(c.status, watching)}</StatusPill>
            {lasting ? <span className="cell-sub">{lasting}</span> : null}
            {c.flapping ? <span className="cell-sub text-warn">flapping</span> : null}
            {c.status === 'up' && c.consecutiveFailures > 0 ? (
              <span className="cell-sub text-warn" title="Failures not yet confirmed by retries">
                {c.consecutiveFailures} of {c.retries + 1} failures
              </span>
            ) : null}
          </td>
          <td className="health-reason">{c.reason ?? <span className="muted">not run yet</span>}</td>
          <td className="col-num">{formatLatency(c.latencyMs)}</td>
          <td className="col-num" title={uptimeNote(c.uptime.day)}>
            {formatUptime(c.uptime.day.percent)}
          </td>
          <td className="col-num" title={uptimeNote(c.uptime.week)}>
            {formatUptime(c.uptime.week.percent)}
          </td>
          <td className="col-num" title={uptimeNote(c.uptime.month)}>
            {formatUptime(c.uptime.month.percent)}
          </td>
          <td className="nowrap">
            <RelativeTime iso={iso(c.lastRunAt)} />
          </td>
          <td className="health-actions">
            <button
              type="button"
              className="btn btn-xs"
              disabled={busy}
              onClick={(event) => {
                event.stopPropagation();
                void runChecksNow({
                  service: c.service,
                  environment: c.environment,
                  checkId: c.checkId,
                  ...(c.host ? { host: c.host } : {}),
                });
              }}
              aria-label={`${busy ? 'Running' : 'Run now'}: ${name} in ${c.environment}`}
            >
              {busy ? 'Running…' : 'Run now'}
            </button>
          </td>
        </tr>
        {selected ? (
          <tr className="health-detail-row">
            <td colSpan={COLUMNS} id={detailId} onKeyDown={(e) => onDetailKey(e, c.key)}>
              {detail}
            </td>
          </tr>
        ) : null}
      </Fragment>
    );
  };
  return (
    <div className="table-wrap">
      <table ref={table} className="table table-selectable health-table">
        <caption className="sr-only">Health checks by service and environment, with status, latency and uptime</caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Status</th>
            <th scope="col">Last result</th>
            <th scope="col" className="col-num">
              Latency
            </th>
            <th scope="col" className="col-num">
              24 h
            </th>
            <th scope="col" className="col-num">
              7 d
            </th>
            <th scope="col" className="col-num">
              30 d
            </th>
            <th scope="col">Last run</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {groups.map((g) => {
          const groupId = `health-group-${g.service}-${g.environment}`;
          const status = g.row?.status ?? 'unknown';
          return (
            <tbody key={groupId} aria-labelledby={groupId}>
              <tr className="health-group">
                <th scope="rowgroup" colSpan={COLUMNS - 1} id={groupId}>
                  <span className="health-group-name">
                    {g.service} <span className="muted">·</span> {g.environment}
                  </span>
                  <StatusPill tone={toneOf(status)}>{statusWord(status, watching)}</StatusPill>
                  <span className="health-group-reason">{g.row?.reason ?? ''}</span>
                  {g.row && status !== 'up' && g.row.lastDeploy ? (
                    <span className="health-group-deploy">{g.row.lastDeploy}</span>
                  ) : null}
                </th>
                <td className="health-actions">
                  <button
                    type="button"
                    className="btn btn-xs"
                    disabled={all}
                    onClick={() => void runChecksNow({ service: g.service, environment: g.environment })}
                    aria-label={`Run all checks of ${g.service} in ${g.environment}`}
                  >
                    Run all
                  </button>
                </td>
              </tr>
              {groupInstances(g.checks).map((entry) =>
                entry.kind === 'single' ? (
                  renderCheck(entry.check)
                ) : (
                  <Fragment key={entry.key}>
                    <tr className="health-check-group">
                      <td>
                        <span className="cell-strong mono">{entry.checkId}</span>
                        <span className="cell-sub">
                          <span className="badge">{entry.instances[0]?.kind}</span> one per host ·{' '}
                          <span className="mono">{targets.get(`${g.service}/${entry.checkId}`)}</span>
                          {entry.instances[0]?.critical ? (
                            <span className="badge badge-strong" title="Failing makes the service down">
                              critical
                            </span>
                          ) : null}
                        </span>
                        {expects.get(`${g.service}/${entry.checkId}`) ? (
                          <span className="cell-sub">expects {expects.get(`${g.service}/${entry.checkId}`)}</span>
                        ) : null}
                      </td>
                      <td className="nowrap">
                        <StatusPill tone={toneOf(entry.status)}>{statusWord(entry.status, watching)}</StatusPill>
                      </td>
                      <td className="health-reason" colSpan={6}>
                        {entry.summary}
                      </td>
                      <td className="health-actions">
                        <button
                          type="button"
                          className="btn btn-xs"
                          disabled={all || running.includes(entry.key)}
                          onClick={() =>
                            void runChecksNow({
                              service: g.service,
                              environment: g.environment,
                              checkId: entry.checkId,
                            })
                          }
                          aria-label={`Run ${entry.checkId} on every host in ${g.environment} now`}
                        >
                          Run all
                        </button>
                      </td>
                    </tr>
                    {entry.instances.map((c) => renderCheck(c))}
                  </Fragment>
                ),
              )}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
