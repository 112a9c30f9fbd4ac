/**
 * Who holds a deploy lock, in one line a person reads at a glance: "held by ana on ana-laptop · since 20 min ago ·
 * for deploy v1.5.0 · “hotfix for the cart totals”". A hand-made lock may say less; it never says nothing. A lock
 * whose run on this machine is gone says so first: "stale — held by pid 4123 …, which is no longer running".
 */
import { type LockInfo } from '../../../shared/model/deploys';
import { RelativeTime } from '../../components/RelativeTime';
import { shortReleaseIds } from './deploy-format';

export function LockHolder({ info, stale }: { info: Partial<LockInfo> | null; stale?: string | null }) {
  if (!info) return <span>held, with no details in the lock (someone may be taking it right now)</span>;
  return (
    <span className="lock-holder">
      {stale ? (
        <>
          <strong className="text-warn">stale</strong> ({stale}) ·{' '}
        </>
      ) : null}
      held by <strong>{info.who || 'someone'}</strong>
      {info.from ? ` on ${info.from}` : ''}
      {info.when ? (
        <>
          {' · since '}
          <RelativeTime iso={info.when} />
        </>
      ) : null}
      {info.what ? (
        <>
          {' · for '}
          <span className="mono" title={info.what}>
            {shortReleaseIds(info.what)}
          </span>
        </>
      ) : null}
      {info.why ? <> · “{info.why}”</> : null}
    </span>
  );
}
