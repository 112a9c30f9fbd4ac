import { Card } from '../../components/Card';
import { RelativeTime } from '../../components/RelativeTime';
import { hrefFor } from '../../lib/routes';
import { useStore } from '../../store';
import { selectLatestActions } from '../../store/selectors';
import { ActionResultPill } from '../activity/ActionResultPill';

/** The last five journal actions, each with its own status ("down", not "succeeded"), linking to Activity. */
export function RecentActivity() {
  const actions = useStore(selectLatestActions);
  return (
    <Card title="Recent activity" actions={<a href={hrefFor('activity')}>View all activity</a>}>
      {actions.length === 0 ? (
        <p className="muted">Nothing yet. Every action the cockpit takes is written to the journal and shows here.</p>
      ) : (
        <ul className="activity-list activity-list-aligned">
          {actions.map((a) => (
            <li key={a.id} className="activity-item">
              <ActionResultPill action={a} />
              <span className="activity-title" title={a.summary ?? a.title}>
                {a.title}
              </span>
              <span className="activity-when">
                <RelativeTime iso={a.startedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
