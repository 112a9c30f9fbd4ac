import { type ActionStatus } from '../../shared/model/journal';

/** The five tones every status in the app maps to; colours pass contrast in both themes. */
export type Tone = 'ok' | 'warn' | 'bad' | 'idle' | 'running';

const actionTones: Record<ActionStatus, Tone> = {
  running: 'running',
  succeeded: 'ok',
  failed: 'bad',
  cancelled: 'idle',
  interrupted: 'warn',
};

export function toneOfAction(status: ActionStatus): Tone {
  return actionTones[status];
}

interface Props {
  tone: Tone;
  children: string;
  /** Longer explanation for the tooltip. */
  title?: string;
}

/** A small rounded label with a status dot; the text always says the status (colour is never the only cue). */
export function StatusPill({ tone, children, title }: Props) {
  return (
    <span className={`pill pill-${tone}`} title={title}>
      <span className="pill-dot" aria-hidden="true" />
      {children}
    </span>
  );
}

export function ActionStatusPill({ status }: { status: ActionStatus }) {
  return <StatusPill tone={toneOfAction(status)}>{status}</StatusPill>;
}
