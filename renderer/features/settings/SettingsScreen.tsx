import { type Theme, themeSchema } from '../../../shared/api/app';
import { Card } from '../../components/Card';
import { RelativeTime } from '../../components/RelativeTime';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useStore } from '../../store';
import { openWorkspace, setTheme } from '../../store/actions';
import { selectInfo, selectRecent, selectTheme, selectWorkspaceState } from '../../store/selectors';

const themeLabels: Record<Theme, { label: string; hint: string }> = {
  system: { label: 'System', hint: 'Follow the operating system' },
  light: { label: 'Light', hint: 'Always light' },
  dark: { label: 'Dark', hint: 'Always dark' },
};

function ThemeSetting() {
  const theme = useStore(selectTheme);
  return (
    <fieldset className="radio-group" role="radiogroup" aria-label="Theme">
      <legend className="sr-only">Theme</legend>
      {themeSchema.options.map((value) => (
        <label key={value} className={value === theme ? 'radio-card is-checked' : 'radio-card'}>
          <input
            type="radio"
            name="theme"
            value={value}
            checked={value === theme}
            onChange={() => void setTheme(value)}
            aria-label={themeLabels[value].label}
            aria-describedby={`theme-hint-${value}`}
          />
          <span className={`theme-swatch theme-swatch-${value}`} aria-hidden="true" />
          <span className="radio-text">
            <span className="radio-label">{themeLabels[value].label}</span>
            <span className="radio-hint" id={`theme-hint-${value}`}>
              {themeLabels[value].hint}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function WorkspaceSetting() {
  const state = useStore(selectWorkspaceState);
  const recent = useStore(selectRecent);
  const openDialog = useStore((s) => s.openDialog);
  const source = state?.source;
  return (
    <>
      <dl className="facts">
        <dt>File</dt>
        <dd className="mono">
          {source ? (source.kind === 'demo' ? `Built-in demo (${source.path})` : source.path) : 'none'}
        </dd>
        <dt>Loaded</dt>
        <dd>
          {state?.loadedAt ? <RelativeTime iso={state.loadedAt} /> : <span className="muted">never</span>}
          {state && state.issues.length > 0 ? (
            <span className="text-warn"> · the file on disk has problems</span>
          ) : null}
        </dd>
      </dl>
      <h3 className="section-label">Recent workspaces</h3>
      {recent.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="recent-list">
          {recent.map((r) => (
            <li key={r.path}>
              <button type="button" className="recent-item" onClick={() => void openWorkspace(r.path)}>
                <span className="recent-name">{r.name}</span>
                <span className="recent-path mono">{r.path}</span>
                <span className="recent-when">
                  <RelativeTime iso={r.openedAt} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="card-foot card-foot-inline">
        <button type="button" className="btn" onClick={() => openDialog('open-workspace')}>
          Open another workspace…
        </button>
      </div>
    </>
  );
}

function AboutSetting() {
  const info = useStore(selectInfo);
  if (!info) return <p className="muted">The backend has not said yet.</p>;
  return (
    <dl className="facts">
      <dt>Version</dt>
      <dd className="mono">
        {info.name} {info.version}
      </dd>
      <dt>Transport</dt>
      <dd>{info.transport === 'ipc' ? 'Desktop app' : 'Serve mode'}</dd>
      <dt>Data directory</dt>
      <dd className="mono">{info.dataDir}</dd>
      <dt>Platform</dt>
      <dd className="mono">{info.platform}</dd>
      <dt>Running since</dt>
      <dd>
        <RelativeTime iso={info.startedAt} />
      </dd>
    </dl>
  );
}

/** Theme, the workspace file and its recent list, and how this cockpit runs. */
export function SettingsScreen() {
  return (
    <>
      <ScreenHeader title="Settings" />
      <div className="stack settings">
        <Card title="Appearance">
          <ThemeSetting />
        </Card>
        <Card title="Workspace">
          <WorkspaceSetting />
        </Card>
        <Card title="About this cockpit">
          <AboutSetting />
        </Card>
      </div>
    </>
  );
}

export default SettingsScreen;
