/**
 * The first line of the Overview and the Health screen: one verdict the on-call founder reads before anything
 * else — "All services up", or "checkout is down in production" with "503 from /health/ready for 3 min · last
 * deploy 12 min ago" under it. A polite live region, so a screen reader hears the change too. Under it, the next
 * action (key N) with why it was chosen; none when all is well.
 */
import { type ReactNode } from 'react';
import { OpenDeploysDialog } from '../deploys/OpenDeploysDialog';
import { NextActionButton } from '../overview/NextActionButton';
import { type HealthOverview } from '../../../shared/model/health';
import { Skeleton } from '../../components/Skeleton';
import { useStore } from '../../store';
import { toneOf } from './health-format';
import { selectHealthOverview, selectHealthOverviewError } from './selectors';

const icons = { ok: '✓', warn: '!', bad: '✕', idle: '…', running: '…' } as const;

function counts(overview: HealthOverview): string {
  const { up, degraded, down, unknown } = overview.counts;
  const parts = [`${up} up`];
  if (degraded) parts.push(`${degraded} degraded`);
  if (down) parts.push(`${down} down`);
  if (unknown) parts.push(`${unknown} not checked yet`);
  return parts.join(' · ');
}

/**
 * `hostsDeploysDialogs`: the rollback the next action opens needs the deploys dialogs on the page; a screen that
 * shows them already (the Overview's deploy card) passes false so only one opens.
 */
export function HealthVerdict({
  action,
  hostsDeploysDialogs = true,
}: {
  action?: ReactNode;
  hostsDeploysDialogs?: boolean;
}) {
  const overview = useStore(selectHealthOverview);
  const error = useStore(selectHealthOverviewError);
  if (!overview) {
    return error ? (
      <p className="verdict verdict-idle" role="status">
        <span className="verdict-text">
          <span className="verdict-title">Health is not available</span>
          <span className="verdict-detail">{error}</span>
        </span>
      </p>
    ) : (
      <Skeleton lines={1} label="Loading health…" />
    );
  }
  const { verdict } = overview;
  const tone = toneOf(verdict.status);
  const total = overview.services.length;
  return (
    <section className={`verdict verdict-${tone}`} aria-label="Health verdict">
      <span className="verdict-icon" aria-hidden="true">
        {icons[tone]}
      </span>
      <div className="verdict-main">
        <p className="verdict-text" role="status" aria-live="polite">
          <span className="verdict-title">{verdict.title}</span>
          {verdict.detail ? <span className="verdict-detail">{verdict.detail}</span> : null}
        </p>
        <NextActionButton />
      </div>
      <span className="verdict-side">
        {total > 0 ? (
          <span className="verdict-counts" title="Services × environments by status">
            {counts(overview)}
          </span>
        ) : null}
        {!overview.watching ? <span className="verdict-counts">not watching</span> : null}
        {action}
      </span>
      {hostsDeploysDialogs ? <OpenDeploysDialog /> : null}
    </section>
  );
}
