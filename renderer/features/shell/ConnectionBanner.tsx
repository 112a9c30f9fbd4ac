import { useStore } from '../../store';
import { selectConnection } from '../../store/selectors';

/** Says when the backend cannot be reached; the client reconnects by itself and reloads everything after. */
export function ConnectionBanner() {
  const connection = useStore(selectConnection);
  if (connection !== 'reconnecting') return null;
  return (
    <div className="banner banner-warn" role="status">
      <strong>Lost the connection to the cockpit backend.</strong> Reconnecting… What you see may be out of date until
      it is back.
    </div>
  );
}
