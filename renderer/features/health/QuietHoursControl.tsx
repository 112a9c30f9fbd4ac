/**
 * Quiet hours as alerts follow them, and where they come from: set here in the app (kept with this cockpit's
 * settings, over the workspace file) or the workspace's `alerts.quietHours`. Start and end are local times; the
 * same start and end means no quiet hours. "Use workspace setting" drops the app's own.
 */
import { useId, useState } from 'react';
import { type AlertSettings } from '../../../shared/model/health';
import { StatusPill } from '../../components/StatusPill';
import { setQuietHours } from './actions';

const fallback = ['22:00', '07:00'] as const;

function split(quietHours: string | null): [string, string] {
  const [start, end] = quietHours?.split('-') ?? [];
  return [start ?? fallback[0], end ?? fallback[1]];
}

function isNone(quietHours: string): boolean {
  const [start, end] = split(quietHours);
  return start === end;
}

function Origin({ settings }: { settings: AlertSettings }) {
  const file = settings.workspaceQuietHours;
  if (settings.quietHoursSource === 'workspace') return <span className="muted"> from cockpit.yaml</span>;
  if (settings.quietHoursSource !== 'app') return null;
  return (
    <span className="muted">
      {' '}
      set in this app (cockpit.yaml {file ? <span className="mono">says {file}</span> : 'sets none'})
    </span>
  );
}

export function QuietHoursControl({ settings }: { settings: AlertSettings }) {
  const [initialStart, initialEnd] = split(settings.quietHours);
  const [start, setStart] = useState(initialStart);
  const [end, setEnd] = useState(initialEnd);
  const [busy, setBusy] = useState(false);
  const startId = useId();
  const endId = useId();
  const hintId = useId();
  const current = settings.quietHours;
  const wanted = `${start}-${end}`;
  const change = async (quietHours: string | null) => {
    setBusy(true);
    await setQuietHours(quietHours);
    setBusy(false);
  };
  return (
    <div className="quiet-hours">
      <div>
        {current && !isNone(current) ? <span className="mono">{current}</span> : <span className="muted">none</span>}
        <Origin settings={settings} /> {settings.quietNow ? <StatusPill tone="running">quiet now</StatusPill> : null}
      </div>
      <form
        className="quiet-hours-form"
        aria-label="Quiet hours"
        onSubmit={(event) => {
          event.preventDefault();
          void change(wanted);
        }}
      >
        <label className="field-inline" htmlFor={startId}>
          From
        </label>
        <input
          id={startId}
          type="time"
          className="input input-time"
          value={start}
          required
          onChange={(event) => setStart(event.target.value)}
          aria-label="Quiet hours start"
          aria-describedby={hintId}
          disabled={busy}
        />
        <label className="field-inline" htmlFor={endId}>
          to
        </label>
        <input
          id={endId}
          type="time"
          className="input input-time"
          value={end}
          required
          onChange={(event) => setEnd(event.target.value)}
          aria-label="Quiet hours end"
          aria-describedby={hintId}
          disabled={busy}
        />
        <button
          type="submit"
          className="btn btn-sm btn-primary"
          disabled={busy || !start || !end || (settings.quietHoursSource === 'app' && wanted === current)}
        >
          Set quiet hours
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy || settings.quietHoursSource !== 'app'}
          onClick={() => void change(null)}
        >
          Use workspace setting
        </button>
      </form>
      <p className="field-hint" id={hintId}>
        Warnings and recoveries wait until the end; down never waits. Local time; the same start and end means none.
      </p>
    </div>
  );
}
