import { type ConnectionDetails } from '../../bridge/connection';
import { connection, transport } from '../../bridge';
import { useClock } from '../../components/now';
import { useStore } from '../../store';
import { selectConnectionDetails } from '../../store/selectors';
import { clockTime, retryLine } from './connection-words';

/** Under the top bar: what the faded screen means while the backend cannot be reached. */
export function ConnectionBanner() {
  const details = useStore(selectConnectionDetails);
  const down = details.state === 'reconnecting';
  // Ticks every second only while the countdown is on screen.
  const now = useClock(down);
  if (!down && details.state !== 'session-ended') return null;
  return (
    <ConnectionNotice
      details={details}
      now={now}
      servedByCli={transport === 'websocket'}
      onRetry={() => connection.retryNow()}
    />
  );
}

interface NoticeProps {
  details: ConnectionDetails;
  now: number;
  /** Serve mode: a restart of `cockpit serve` gives a new address, which the page cannot find by itself. */
  servedByCli: boolean;
  onRetry: () => void;
}

/**
 * While reconnecting: since when the data is stale, when the client last tried and tries next, a button to try now.
 * When the session ended (serve was restarted, this page's token is void): that retrying cannot help, and what to
 * do instead.
 */
export function ConnectionNotice({ details, now, servedByCli, onRetry }: NoticeProps) {
  const { lastReceivedAt } = details;
  if (details.state === 'session-ended') {
    return (
      <section className="banner banner-bad conn-banner" aria-label="Connection to the backend">
        <p role="alert">
          <strong>This page&apos;s session ended (the cockpit was restarted).</strong>{' '}
          {lastReceivedAt === null
            ? 'Nothing on this page is live.'
            : `What you see is from ${clockTime(lastReceivedAt)} and will not update.`}{' '}
          Each start of <code>cockpit serve</code> has a new address: open the one it printed this time (it ends in{' '}
          <code>?token=…</code>) to reconnect. Reloading this page cannot bring the old session back.
        </p>
      </section>
    );
  }
  return (
    <section className="banner banner-warn conn-banner" aria-label="Connection to the backend">
      <p role="status">
        <strong>
          {lastReceivedAt === null
            ? 'Cannot reach the cockpit backend.'
            : `Lost the connection to the cockpit backend at ${clockTime(lastReceivedAt)}.`}
        </strong>{' '}
        {lastReceivedAt === null
          ? 'Nothing is shown until it answers.'
          : 'Faded statuses show what was true then, not now.'}
      </p>
      {/* The countdown changes every second: it stays out of the live region above. */}
      <p className="conn-banner-retry">
        <span>{retryLine(details, now)}</span>
        <button type="button" className="btn btn-sm" onClick={onRetry}>
          Retry now
        </button>
      </p>
      {servedByCli && (
        <p>
          If you restarted <code>cockpit serve</code>, open the new address it printed: each start has its own.
        </p>
      )}
    </section>
  );
}
