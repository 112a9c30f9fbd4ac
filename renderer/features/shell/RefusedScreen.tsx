import { Logo } from '../../components/Logo';

/** Serve mode with a missing or wrong token: nothing else can work, so nothing else is shown. */
export function RefusedScreen() {
  return (
    <main className="refused" id="main">
      <div className="refused-card" role="alert">
        <Logo size={32} />
        <h1>This link cannot open the cockpit</h1>
        <p>
          This cockpit link is missing its token or the token is wrong — open the URL printed by{' '}
          <code>cockpit serve</code>.
        </p>
        <p className="muted">
          Each start of <code>cockpit serve</code> prints a new address such as{' '}
          <code>http://127.0.0.1:PORT/?token=…</code>; links from an earlier start stop working.
        </p>
      </div>
    </main>
  );
}
