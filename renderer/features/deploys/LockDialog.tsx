/**
 * The deploy lock of a service in an environment: who holds it on which host, since when, for what and why. Wait
 * (check again), or force-release it with a reason (journaled) when the run that held it is gone. A lock left by
 * a run of this machine that no longer exists is marked stale and released in one step ("Release stale lock").
 */
import { useCallback, useEffect, useState } from 'react';
import { ReasonField } from './ReasonField';
import { type LockStatus } from '../../../shared/model/deploys';
import { RelativeTime } from '../../components/RelativeTime';
import { errorMessage } from '../../bridge';
import { fetchLocks, openDeploysDialog, releaseLock } from './actions';
import { shortReleaseIds } from './deploy-format';

export function LockDialogBody({ service, environment }: { service: string; environment: string }) {
  const [status, setStatus] = useState<LockStatus | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // "Wait — check again" must visibly do something even when the answer is the same: when it last asked.
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const read = useCallback(
    () =>
      fetchLocks(service, environment).then(
        (s) => ({ status: s, problem: null }),
        (error: unknown) => ({ status: null, problem: errorMessage(error) }),
      ),
    [service, environment],
  );
  const show = (r: { status: LockStatus | null; problem: string | null }) => {
    if (r.status) setStatus(r.status);
    setProblem(r.problem);
  };
  useEffect(() => {
    let live = true;
    void read().then((r) => live && show(r));
    return () => {
      live = false;
    };
  }, [read]);
  const checkAgain = () => {
    setChecking(true);
    void read().then((r) => {
      show(r);
      setChecking(false);
      if (r.status) setCheckedAt(new Date().toLocaleTimeString());
    });
  };

  if (!status) return problem ? <p className="text-bad">{problem}</p> : <p className="muted">Asking every host…</p>;
  const held = status.hosts.filter((h) => h.held);
  // Every held lock is one this machine's gone run left: releasing it is safe, so it is the main action.
  const allStale = held.length > 0 && held.every((h) => h.stale);
  const release = (how: { force: boolean; stale: boolean }) => {
    setBusy(true);
    void releaseLock({ service, environment, reason: reason.trim(), ...how }).then((r) => {
      setBusy(false);
      if ('error' in r) setProblem(r.error);
      else {
        setStatus(r);
        setCheckedAt(null);
      }
    });
  };
  return (
    <div className="deploy-form">
      <table className="table">
        <caption className="sr-only">Who holds the deploy lock on each host</caption>
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Held by</th>
            <th scope="col">Since</th>
            <th scope="col">For</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {status.hosts.map((h) => (
            <tr key={h.host}>
              <td className="mono nowrap">{h.host}</td>
              {h.error ? (
                <td colSpan={4} className="text-warn">
                  could not ask: {h.error}
                </td>
              ) : h.held ? (
                <>
                  <td className="nowrap">
                    {h.stale ? <strong className="text-warn">stale · </strong> : null}
                    {h.info?.who ?? 'someone'}
                    {h.info?.from ? <span className="cell-sub">on {h.info.from}</span> : null}
                    {h.stale ? <span className="cell-sub">{h.stale}</span> : null}
                  </td>
                  <td className="nowrap">
                    <RelativeTime iso={h.info?.when ?? null} />
                  </td>
                  <td className="mono" title={h.info?.what}>
                    {h.info?.what ? shortReleaseIds(h.info.what) : '—'}
                  </td>
                  <td>{h.info?.why || '—'}</td>
                </>
              ) : (
                <td colSpan={4} className="muted">
                  free
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Lock folder on each host: <code>{status.path}/.cockpit-lock</code>
      </p>
      {checkedAt ? (
        <p className="muted" role="status">
          Checked again at {checkedAt}:{' '}
          {held.length > 0 ? `still held on ${held.map((h) => h.host).join(', ')}.` : 'free on every host.'}
        </p>
      ) : null}
      {held.length > 0 ? (
        <>
          <ReasonField
            label="Reason"
            value={reason}
            onChange={setReason}
            placeholder="Required, e.g. ana's laptop died mid-deploy"
            required
          />
          <p className="muted">
            {allStale
              ? 'The run that took this lock is no longer running on this machine. Releasing it is safe: the reason goes into the journal and into each host’s audit log.'
              : 'Force release removes the lock on every host at once. Do it only when the run that holds it is gone: the reason goes into the journal, next to who released it.'}
          </p>
          {problem ? <p className="text-bad">{problem}</p> : null}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={checkAgain} disabled={checking}>
              {checking ? 'Checking…' : 'Wait — check again'}
            </button>
            {allStale ? (
              <button
                type="button"
                className="btn btn-primary"
                disabled={!reason.trim() || busy}
                onClick={() => release({ force: false, stale: true })}
              >
                Release stale lock
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-danger"
                disabled={!reason.trim() || busy}
                onClick={() => release({ force: true, stale: false })}
              >
                Force release
              </button>
            )}
          </div>
        </>
      ) : (
        <div className="dialog-actions lock-free">
          <p>Free on every host: a deploy can start.</p>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => openDeploysDialog({ kind: 'deploy', service, environment })}
          >
            Deploy {service} to {environment}…
          </button>
        </div>
      )}
    </div>
  );
}
