/**
 * The wizard's first step: the drill's preflight as ✓/✗ items with their detail, and its plan — hosts, how it
 * breaks, the release each host returns to, the watched checks and their timing, the targets, where alerts go.
 * A protected environment asks for its name; "Start drill" stays disabled, with the reason beside it, until ready.
 */
import { useId, useState } from 'react';
import { type DrillPlan } from '../../../shared/model/drills';
import { ConfirmName } from '../../components/ConfirmName';
import { Skeleton } from '../../components/Skeleton';
import { formatInterval } from '../../lib/format';
import { releaseName, shortReleaseIds } from '../deploys/deploy-format';
import { checkPreflight, closePreflight, startRollbackDrill } from './rollback-actions';
import { checkTiming, startBlocker } from './rollback-format';
import { type PreflightState, useRollbackDrills } from './rollback-store';

export function RollbackPreflight({ preflight }: { preflight: PreflightState }) {
  const headingId = useId();
  const where = `${preflight.service}${preflight.environment ? ` on ${preflight.environment}` : ''}`;
  return (
    <section className="drill-preflight" aria-labelledby={headingId}>
      <header className="drill-preflight-head">
        <h3 id={headingId} className="drill-preflight-title">
          Preflight: {where}
        </h3>
        <span className="muted">Checked now, on every host. Nothing has changed yet.</span>
        <div className="drill-preflight-actions">
          <button
            type="button"
            className="btn btn-sm"
            disabled={preflight.checking}
            onClick={() => void checkPreflight(preflight.service, preflight.environment)}
          >
            {preflight.checking ? 'Checking…' : 'Check again'}
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => closePreflight()}>
            Close
          </button>
        </div>
      </header>
      {preflight.plan ? (
        <PlanView plan={preflight.plan} />
      ) : preflight.error ? (
        <p className="text-bad" role="alert">
          Could not check the drill of {where}: {preflight.error}
        </p>
      ) : (
        <Skeleton lines={5} label="Checking every host…" />
      )}
    </section>
  );
}

function PlanView({ plan }: { plan: DrillPlan }) {
  const [typed, setTyped] = useState('');
  const starting = useRollbackDrills((s) => s.starting);
  const reasonId = useId();
  const blocker = startBlocker(plan, typed);
  return (
    <div className="drill-plan">
      <ul className="preflight-items" aria-label="Preflight">
        {plan.items.map((item) => (
          <li key={item.id} className={item.ok ? 'preflight-item is-ok' : 'preflight-item is-bad'}>
            <span className="preflight-mark" aria-hidden="true">
              {item.ok ? '✓' : '✗'}
            </span>
            <span className="sr-only">{item.ok ? 'Passed: ' : 'Failed: '}</span>
            <span title={item.detail}>{shortReleaseIds(item.detail)}</span>
          </li>
        ))}
      </ul>

      <h4 className="section-label">The plan</h4>
      <dl className="facts facts-compact drill-plan-facts">
        <dt>Hosts</dt>
        <dd className="mono">{plan.hosts.join(', ') || '—'}</dd>
        <dt>Breaks by</dt>
        <dd>
          {plan.method === 'release' ? (
            <>
              deploying <span className="mono">{plan.breakRelease}</span>, a release known to fail its checks
            </>
          ) : (
            <>
              running <code>{plan.breakCommand}</code>; heals with <code>{plan.healCommand}</code>
            </>
          )}
        </dd>
        <dt>Returns to</dt>
        <dd>
          {plan.returnTo.map((r) => (
            <span key={r.host} className="drill-line">
              <span className="mono">{r.host}</span> →{' '}
              <span className="mono" title={r.release ?? undefined}>
                {r.release ? releaseName(r.release) : 'nothing to return to'}
              </span>
            </span>
          ))}
        </dd>
        <dt>Watches</dt>
        <dd>
          {plan.watch.length === 0 ? (
            <span className="text-warn">no check: nothing could notice the failure</span>
          ) : (
            plan.watch.map((c) => (
              <span key={c.checkId} className="drill-line drill-watch">
                <span className="mono">{c.checkId}</span>
                {c.critical ? <span className="badge">critical</span> : null} {checkTiming(c)}
              </span>
            ))
          )}
        </dd>
        <dt>Recovered when</dt>
        <dd>every watched check passes {plan.passes} times in a row</dd>
        <dt>Targets</dt>
        <dd>
          detect within {formatInterval(plan.targets.detectMs)}, recover within {formatInterval(plan.targets.recoverMs)}
          <span className="muted">
            {' '}
            · gives up (and heals) if nothing notices within {formatInterval(plan.detectTimeoutMs)}
          </span>
        </dd>
        <dt>Alerts</dt>
        <dd>
          {plan.notify
            ? 'sent to the desktop and Slack, marked practice'
            : 'alerts recorded only (practice): nobody is paged'}
        </dd>
        <dt>Counts</dt>
        <dd className="muted">practice runs: never in DORA, never marks a release good or bad</dd>
      </dl>

      <form
        className="drill-start"
        onSubmit={(e) => {
          e.preventDefault();
          if (!blocker) void startRollbackDrill(plan.service, plan.environment, plan.protected ? typed : null);
        }}
      >
        {plan.protected ? (
          <ConfirmName environment={plan.environment} value={typed} onChange={setTyped} action="start the drill" />
        ) : null}
        <div className="drill-start-row">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={blocker !== null || starting}
            aria-describedby={blocker ? reasonId : undefined}
          >
            {starting ? 'Starting…' : 'Start drill'}
          </button>
          {blocker ? (
            <span id={reasonId} className="text-warn drill-start-reason">
              {blocker}
            </span>
          ) : (
            <span className="muted">
              Starts the clock: {plan.method === 'release' ? `deploys ${plan.breakRelease}` : 'runs the break command'}{' '}
              to {plan.environment} now.
            </span>
          )}
        </div>
      </form>
    </div>
  );
}
