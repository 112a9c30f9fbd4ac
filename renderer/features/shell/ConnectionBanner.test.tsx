import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../bridge', () => ({
  api: { on: () => () => undefined },
  connection: { get: () => 'reconnecting', subscribe: () => () => undefined, retryNow: () => undefined },
  transport: 'websocket',
  errorCode: () => null,
  errorMessage: (error: unknown) => String(error),
}));

const { useStore } = await import('../../store');
const { ConnectionNotice } = await import('./ConnectionBanner');
const { connectionLabel } = await import('./connection-words');
const { TopBar } = await import('./TopBar');

const at = (h: number, m: number, s = 0) => new Date(2026, 2, 12, h, m, s).getTime();
const noop = () => undefined;

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
});

describe('the connection banner', () => {
  it('while reconnecting: since when, the last try, a Retry now button and what a restart means', () => {
    const details = {
      state: 'reconnecting' as const,
      lastReceivedAt: at(22, 14, 40),
      lastAttemptAt: at(22, 15, 3),
      nextAttemptAt: at(22, 15, 11),
    };
    const html = renderToStaticMarkup(
      <ConnectionNotice details={details} now={at(22, 15, 3)} servedByCli onRetry={noop} />,
    );
    expect(html).toContain('Lost the connection to the cockpit backend at 22:14.');
    expect(html).toContain('Faded statuses show what was true then, not now.');
    expect(html).toContain('Last tried 22:15:03 · next in 8 s');
    expect(html).toMatch(/<button[^>]*>Retry now<\/button>/);
    expect(html).toContain('open the new address it printed');
    expect(connectionLabel(details).label).toBe('Stale since 22:14 — reconnecting…');
  });

  it('in the desktop app says nothing about cockpit serve', () => {
    const details = { state: 'reconnecting' as const, lastReceivedAt: null, lastAttemptAt: null, nextAttemptAt: null };
    const html = renderToStaticMarkup(
      <ConnectionNotice details={details} now={0} servedByCli={false} onRetry={noop} />,
    );
    expect(html).toContain('Cannot reach the cockpit backend.');
    expect(html).not.toContain('cockpit serve');
  });

  it('when the session ended: says so, stops offering retries, and says what to open instead', () => {
    const details = {
      state: 'session-ended' as const,
      lastReceivedAt: at(22, 14),
      lastAttemptAt: at(22, 15, 3),
      nextAttemptAt: null,
    };
    const html = renderToStaticMarkup(<ConnectionNotice details={details} now={0} servedByCli onRetry={noop} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('This page&#x27;s session ended (the cockpit was restarted).');
    expect(html).toContain('What you see is from 22:14 and will not update.');
    expect(html).toContain('open the one it printed this time');
    expect(html).not.toContain('Retry now');
  });
});

describe('the top bar before the first answer', () => {
  it('says the workspace is loading, never "No workspace"', () => {
    const html = renderToStaticMarkup(<TopBar />);
    expect(html).toContain('Loading workspace…');
    expect(html).not.toContain('No workspace');
    expect(html).toContain('Connecting…');
  });
});
