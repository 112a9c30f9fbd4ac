/**
 * The one-click Rollback of a service in an environment, the same wherever it appears (the Overview card, the
 * Deploys table). When there is nothing to go back to, the button stays disabled and `RollbackWhy` says why in
 * visible words beside it, with what to do instead; the button's description points at those words.
 */
import { type DeployTarget } from '../../../shared/api/deploys';
import { targetKey } from '../../store/deploys-slice';
import { loadDeploys, openDeploysDialog } from './actions';
import { wantRelease } from './deploy-intent';

/** One id per target and place (`where` tells the Overview card from the Deploys table). */
export const rollbackWhyId = (target: DeployTarget, where: string) =>
  `rollback-why-${where}-${targetKey(target.service, target.environment)}`.replace(/[^A-Za-z0-9_-]/g, '_');

export function RollbackButton({
  target,
  name,
  size,
  whyId,
}: {
  target: DeployTarget;
  name: string;
  size: 'xs' | 'sm';
  /** The id of the `RollbackWhy` shown with it. */
  whyId: string;
}) {
  const blocked = !target.rollbackTarget;
  return (
    <button
      type="button"
      className={`btn btn-${size}`}
      disabled={blocked}
      title={target.rollbackLabel ? `to ${target.rollbackLabel}` : undefined}
      aria-describedby={blocked ? whyId : undefined}
      onClick={() => openDeploysDialog({ kind: 'rollback', service: target.service, environment: target.environment })}
      aria-label={`Roll back ${name}`}
    >
      {/* The verb as the accessible name says it ("Roll back checkout in staging"): what is seen is what is said. */}
      Roll back
    </button>
  );
}

/**
 * Why Rollback is disabled and the way out, or nothing when it is enabled. `brief` says it in a few words (the
 * Overview's card lists every target; the full sentence is its tooltip and the Deploys table's text).
 */
export function RollbackWhy({
  target,
  name,
  id,
  brief = false,
}: {
  target: DeployTarget;
  name: string;
  id: string;
  brief?: boolean;
}) {
  const block = target.rollbackBlock;
  if (!block) return null;
  const { alternative } = block;
  const act = () => {
    if (alternative.kind === 'read-again') {
      void loadDeploys();
      return;
    }
    wantRelease(alternative.release);
    openDeploysDialog({ kind: 'deploy', service: target.service, environment: target.environment });
  };
  return (
    <span className="rollback-why">
      <span id={id} title={brief ? block.reason : undefined}>
        {brief ? block.brief : block.reason}.
      </span>{' '}
      <button type="button" className="link-button" onClick={act} aria-label={`${alternative.label} (${name})`}>
        {alternative.label}
      </button>
    </span>
  );
}
