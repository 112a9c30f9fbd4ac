import { BRIDGE_MISSING_MESSAGE } from '../../bridge/missing';
import { Logo } from '../../components/Logo';

/**
 * The desktop window whose preload failed: without `window.cockpit` nothing can reach the backend, so nothing else
 * is shown. Not the serve-mode "token refused" screen: there is no token to fix here. The main process logs the
 * preload's error; this says where to look.
 */
export function BridgeMissingScreen() {
  return (
    <main className="refused" id="main">
      <div className="refused-card" role="alert" aria-labelledby="bridge-missing-title">
        <Logo size={32} />
        <h1 id="bridge-missing-title">The cockpit cannot reach its backend</h1>
        <p>{BRIDGE_MISSING_MESSAGE}</p>
      </div>
    </main>
  );
}
