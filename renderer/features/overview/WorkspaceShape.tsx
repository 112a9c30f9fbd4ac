/**
 * The workspace's shape — how many services, environments, hosts, checks, backups and budgets, and each
 * environment's hosts and variables — folded into one line at the bottom of the Overview. At 10 PM the screen is
 * for what is broken and what happened; the configuration stays one click away for the first look at a workspace.
 */
import { useMemo } from 'react';
import { useStore } from '../../store';
import { selectWorkspace } from '../../store/selectors';
import { CountsStrip } from './CountsStrip';
import { EnvironmentCards } from './EnvironmentCards';
import { workspaceCounts } from './overview-model';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function WorkspaceShape() {
  const workspace = useStore(selectWorkspace);
  const counts = useMemo(() => (workspace ? workspaceCounts(workspace) : null), [workspace]);
  if (!counts) return null;
  const line = [
    plural(counts.services, 'service'),
    plural(counts.environments, 'environment'),
    plural(counts.hosts, 'host'),
    plural(counts.checks, 'health check'),
    plural(counts.backups, 'backup'),
    plural(counts.budgets, 'budget'),
  ].join(' · ');
  return (
    <details className="workspace-shape">
      <summary>Workspace: {line}</summary>
      <div className="workspace-shape-body">
        <CountsStrip />
        <EnvironmentCards />
      </div>
    </details>
  );
}
