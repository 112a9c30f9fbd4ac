import { Logo } from '../../components/Logo';
import { type Route, hrefFor, routeTitles, routes } from '../../lib/routes';
import { useStore } from '../../store';
import { selectRoute } from '../../store/selectors';
import { NavIcon } from './NavIcon';
import { prepareScreen } from './screen-modules';

/** A pointer on its way to a link or a focused link is a click about to happen: fetch that screen's code (and slow data) now. */
const preload = (route: Route) => (route === 'overview' ? undefined : () => prepareScreen(route));

/** The left navigation: the app's name and mark, then every screen in a fixed order (Alt+1…Alt+9). */
export function Sidebar() {
  const route = useStore(selectRoute);
  return (
    <aside className="sidebar">
      <div className="brand">
        <Logo />
        <span className="brand-name">Reliability Cockpit</span>
      </div>
      <nav aria-label="Main" className="nav">
        <ul>
          {routes.map((r, i) => (
            <li key={r}>
              <a
                href={hrefFor(r)}
                className={r === route ? 'nav-link is-active' : 'nav-link'}
                aria-current={r === route ? 'page' : undefined}
                title={`${routeTitles[r]} (Alt+${i + 1})`}
                onPointerEnter={preload(r)}
                onFocus={preload(r)}
              >
                <NavIcon route={r} />
                <span className="nav-label">{routeTitles[r]}</span>
                <span className="nav-key" aria-hidden="true">
                  {i + 1}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
