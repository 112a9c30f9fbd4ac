import { useMemo } from 'react';
import { type Route, hrefFor } from '../../lib/routes';
import { useStore } from '../../store';
import { selectWorkspace } from '../../store/selectors';
import { type Counts, workspaceCounts } from './overview-model';

const items: { key: keyof Counts; label: string; route: Route }[] = [
  { key: 'services', label: 'Services', route: 'deploys' },
  { key: 'environments', label: 'Environments', route: 'overview' },
  { key: 'hosts', label: 'Hosts', route: 'overview' },
  { key: 'checks', label: 'Health checks', route: 'health' },
  { key: 'backups', label: 'Backups', route: 'backups' },
  { key: 'budgets', label: 'Budgets', route: 'cost' },
];

/** The numbers of the workspace in one strip; each links to the screen that lists them. */
export function CountsStrip() {
  const workspace = useStore(selectWorkspace);
  const counts = useMemo(() => (workspace ? workspaceCounts(workspace) : null), [workspace]);
  if (!counts) return null;
  return (
    <ul className="counts" aria-label="Workspace counts">
      {items.map((item) => (
        <li key={item.key} className="count">
          <a href={hrefFor(item.route)} className="count-link">
            <span className="count-value">{counts[item.key]}</span>
            <span className="count-label">{item.label}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
