/**
 * Why a run stopped before it changed anything, with what a person can do about it: a lock (who holds it; wait, or
 * force-release it with a reason), an unknown host key (its fingerprint; trust it and try again), a changed host key
 * (a loud refusal with both fingerprints and how to resolve it deliberately), or a host out of reach.
 */
import { useState } from 'react';
import { type RunProblem } from '../../../shared/model/deploys';
import { openDeploysDialog, trustHostKey } from './actions';
import { LockHolder } from './LockHolder';

interface Props {
  problem: RunProblem;
  service: string;
  environment: string;
}

export function RunProblemPanel({ problem, service, environment }: Props) {
  const [trusted, setTrusted] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);

  if (problem.kind === 'locked') {
    const allStale = problem.locks.length > 0 && problem.locks.every((l) => l.stale);
    return (
      <div className="problem problem-warn">
        <p className="problem-title">Locked — nothing was changed</p>
        <ul className="plain-list lock-holders">
          {problem.locks.map((l) => (
            <li key={l.host}>
              <span className="mono">{l.host}</span>: {l.stale ? <strong className="text-warn">stale · </strong> : null}
              <LockHolder info={l.info} />
              {l.stale ? <span className="cell-sub">{l.stale}</span> : null}
            </li>
          ))}
        </ul>
        <p className="muted">
          {allStale
            ? 'The run that took this lock is no longer running on this machine: release the stale lock in one step.'
            : 'Wait for that run to finish, or force-release the lock with a reason if it is gone.'}
        </p>
        <div className="problem-actions">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => openDeploysDialog({ kind: 'lock', service, environment })}
          >
            See the lock…
          </button>
        </div>
      </div>
    );
  }

  if (problem.kind === 'host-key-unknown') {
    return (
      <div className="problem problem-warn">
        <p className="problem-title">{problem.host} is a host the cockpit has not met yet — nothing was changed</p>
        <p>
          Before trusting it, compare its {problem.keyType} key fingerprint with the one the host itself shows (
          <code>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</code> on the host):
        </p>
        <p className="fingerprint mono">{problem.fingerprint}</p>
        <p className="muted">{problem.endpoint}</p>
        {error ? <p className="text-bad">{error}</p> : null}
        <div className="problem-actions">
          {trusted === 'done' ? (
            <span>Trusted. Start the deploy again.</span>
          ) : (
            <button
              type="button"
              className="btn btn-primary btn-sm"
              disabled={trusted === 'busy'}
              onClick={() => {
                setTrusted('busy');
                void trustHostKey(problem).then((r) => {
                  if (r === true) setTrusted('done');
                  else {
                    setTrusted('idle');
                    setError(r.error);
                  }
                });
              }}
            >
              Trust this host key
            </button>
          )}
          {trusted === 'done' ? (
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => openDeploysDialog({ kind: 'deploy', service, environment })}
            >
              Deploy again…
            </button>
          ) : null}
        </div>
      </div>
    );
  }

  if (problem.kind === 'host-key-changed') {
    return (
      <div className="problem problem-bad" role="alert">
        <p className="problem-title">Refused: the host key of {problem.host} has CHANGED — nothing was changed</p>
        <p>
          Someone may be intercepting the connection, or the host was rebuilt. The cockpit will not connect until you
          find out which and resolve it deliberately.
        </p>
        <dl className="facts facts-compact">
          <dt>Known</dt>
          <dd className="mono">{problem.oldFingerprints.join(', ') || '—'}</dd>
          <dt>Offered now</dt>
          <dd className="mono">{problem.newFingerprint}</dd>
          <dt>Endpoint</dt>
          <dd className="mono">{problem.endpoint}</dd>
        </dl>
        {problem.resolve.length > 0 ? (
          <>
            <p>Once you know the new key is right, remove the old one and try again:</p>
            <pre className="run-tail">{problem.resolve.join('\n')}</pre>
          </>
        ) : null}
      </div>
    );
  }

  return (
    <div className="problem problem-bad">
      <p className="problem-title">Could not reach {problem.host ?? 'a host'} — nothing was changed</p>
      <p>
        {problem.transport ? <span className="badge">{problem.transport}</span> : null} {problem.message}
      </p>
    </div>
  );
}
