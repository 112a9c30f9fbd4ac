import { type Route } from '../../lib/routes';

// 16 px line icons, one path set per screen; drawn here so the app ships no icon font.
const paths: Record<Route, string> = {
  overview: 'M2.5 2.5h4.5v4.5h-4.5zM9 2.5h4.5v4.5h-4.5zM2.5 9h4.5v4.5h-4.5zM9 9h4.5v4.5h-4.5z',
  deploys: 'M8 13.5v-9M4.5 7.5 8 4l3.5 3.5M3 2.5h10',
  health: 'M1.5 8.5h3l1.5-4 3 7 1.5-3h4',
  cost: 'M8 1.5v13M11 4.5c0-1.1-1.3-2-3-2s-3 .9-3 2 1.3 2 3 2.5 3 1.3 3 2.5-1.3 2-3 2-3-.9-3-2',
  backups:
    'M2.5 4c0-1.1 2.5-2 5.5-2s5.5.9 5.5 2-2.5 2-5.5 2-5.5-.9-5.5-2zM2.5 4v8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2V4M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2',
  drills: 'M13.5 8A5.5 5.5 0 1 1 8 2.5M13.5 2.5v3.5H10M8 5v3l2 2',
  incidents: 'M8 2 14.5 13.5h-13zM8 6.5v3.5M8 11.6v.4',
  runbooks: 'M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3M5.5 8h5M5.5 10.5h5',
  timeline: 'M1.5 8h13M4 5v6M8 3.5v9M12 6v4',
  readiness: 'M2.5 8.5 6 12l7.5-8',
  activity: 'M2.5 3.5h11M2.5 8h11M2.5 12.5h7',
  settings:
    'M8 10.2a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4zM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
};

export function NavIcon({ route }: { route: Route }) {
  return (
    <svg className="nav-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={paths[route]} />
    </svg>
  );
}
