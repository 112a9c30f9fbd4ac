/**
 * The one-click Rollback of a service in an environment, the same wherever it appears (the Overview card, the
 * Deploys table): disabled with the reason when nothing healthy is left to go back to.
 */
import { type DeployTarget } from '../../../shared/api/deploys';
import { openDeploysDialog } from './actions';

export function RollbackButton({ target, name, size }: { target: DeployTarget; name: string; size: 'xs' | 'sm' }) {
  return (
    <button
      type="button"
      className={`btn btn-${size}`}
      disabled={!target.rollbackTarget}
      title={target.rollbackLabel ? `to ${target.rollbackLabel}` : 'nothing healthy to roll back to'}
      onClick={() => openDeploysDialog({ kind: 'rollback', service: target.service, environment: target.environment })}
      aria-label={`Roll back ${name}`}
    >
      Rollback
    </button>
  );
}
