import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Alert } from '../../shared/model/health';
import { type Loopback, httpServer } from '../health/testing/loopback';
import { ManualClock } from '../health/manual-clock';
import { AlertEngine } from './rules';
import { createSlackNotifier } from './slack';

interface Received {
  path: string;
  contentType: string | undefined;
  body: { text: string; blocks: unknown[]; channel?: string };
}

let slack: Loopback;
const received: Received[] = [];
/** Per path, the statuses to answer in turn (then 200). */
const script = new Map<string, number[]>();

beforeAll(async () => {
  slack = await httpServer((req, res, body) => {
    const path = req.url ?? '/';
    if (path.startsWith('/hang')) return; // never answers
    received.push({ path, contentType: req.headers['content-type'], body: JSON.parse(body) as Received['body'] });
    const status = script.get(path)?.shift() ?? 200;
    if (status === 429) res.setHeader('retry-after', '1');
    res.statusCode = status;
    res.end(status === 200 ? 'ok' : status === 404 ? 'no_service' : 'error');
  });
});
afterAll(() => slack?.close());

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  id: 'a1',
  at: Date.now(),
  service: 'checkout',
  environment: 'production',
  kind: 'down',
  severity: 'critical',
  status: 'down',
  title: 'checkout (production) is down',
  body: 'checkout: /health/ready 503 for 1 min\nLast deploy 12 min ago: 8b71ff7 by ana',
  reason: 'checkout: /health/ready 503 for 1 min',
  recentChange: 'last deploy 12 min ago: 8b71ff7 by ana',
  delayed: false,
  ...overrides,
});

describe('the Slack webhook, received by a loopback server', () => {
  it('posts an alert from the rules as JSON naming the service, the reason and the last deploy', async () => {
    const clock = new ManualClock();
    const env = { COCKPIT_SLACK_WEBHOOK: `${slack.url}/services/T000/B000/first` };
    const engine = new AlertEngine({
      clock,
      notifiers: [createSlackNotifier({ webhook: 'env:COCKPIT_SLACK_WEBHOOK', env, channel: '#ops' })],
      recentDeploy: () => ({ at: clock.now() - 12 * 60_000, release: '8b71ff7', by: 'ana' }),
    });
    await engine.onServiceChange({
      service: 'checkout',
      environment: 'production',
      status: 'up',
      reason: 'all checks passing',
      since: null,
      flapping: false,
      checks: [],
    });
    await engine.onServiceChange({
      service: 'checkout',
      environment: 'production',
      status: 'down',
      reason: 'checkout: /health/ready 503 for 3 min',
      since: clock.now() - 3 * 60_000,
      flapping: false,
      checks: [],
    });
    const got = received.filter((r) => r.path === '/services/T000/B000/first');
    expect(got).toHaveLength(1);
    expect(got[0]?.contentType).toBe('application/json');
    const { text, channel, blocks } = got[0]?.body ?? { text: '', blocks: [] };
    expect(channel).toBe('#ops');
    expect(text).toContain('checkout (production) is down');
    expect(text).toContain('checkout: /health/ready 503 for 3 min');
    expect(text).toContain('Last deploy 12 min ago: 8b71ff7 by ana');
    expect(JSON.stringify(blocks)).toContain('critical · checkout · production');
  });

  it('retries a 5xx and a 429 with backoff, then succeeds', async () => {
    script.set('/retry', [500, 429]);
    const waits: number[] = [];
    const notifier = createSlackNotifier({
      webhook: 'env:HOOK',
      env: { HOOK: `${slack.url}/retry` },
      backoffMs: 100,
      sleep: async (ms) => void waits.push(ms),
    });
    await notifier.send(alert());
    expect(received.filter((r) => r.path === '/retry')).toHaveLength(3);
    expect(waits).toEqual([100, 1_000]); // backoff, then Retry-After: 1
  });

  it('does not retry a revoked webhook, and never puts the URL in the error', async () => {
    script.set('/revoked-secret-token', [404]);
    const notifier = createSlackNotifier({
      webhook: 'env:HOOK',
      env: { HOOK: `${slack.url}/revoked-secret-token` },
      sleep: async () => {},
    });
    const error = await notifier.send(alert()).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe('Slack answered 404 no_service (the webhook may have been revoked) (after 1 attempt)');
    expect(error?.message).not.toContain('secret-token');
    expect(error?.message).not.toContain(String(slack.port));
    expect(received.filter((r) => r.path === '/revoked-secret-token')).toHaveLength(1);
  });

  it('gives each attempt a timeout', async () => {
    const notifier = createSlackNotifier({
      webhook: 'env:HOOK',
      env: { HOOK: `${slack.url}/hang` },
      timeoutMs: 150,
      attempts: 2,
      sleep: async () => {},
    });
    await expect(notifier.send(alert())).rejects.toThrow('Slack webhook: no answer within 150 ms (after 2 attempts)');
  });

  it('reads the URL from the keychain, and says which reference is missing', async () => {
    const keychain = { get: async (name: string) => (name === 'slack' ? `${slack.url}/from-keychain` : undefined) };
    await createSlackNotifier({ webhook: 'keychain:slack', keychain }).send(alert());
    expect(received.some((r) => r.path === '/from-keychain')).toBe(true);
    await expect(createSlackNotifier({ webhook: 'keychain:other', keychain }).send(alert())).rejects.toThrow(
      'Slack webhook: the keychain has no entry "other" (referenced as keychain:other)',
    );
    await expect(createSlackNotifier({ webhook: 'env:NOT_SET_ANYWHERE', env: {} }).send(alert())).rejects.toThrow(
      'environment variable NOT_SET_ANYWHERE is not set',
    );
  });

  it('refuses a plain-http webhook that is not on this machine', async () => {
    const notifier = createSlackNotifier({ webhook: 'env:HOOK', env: { HOOK: 'http://hooks.example.com/T/B/x' } });
    await expect(notifier.send(alert())).rejects.toThrow('the webhook in env:HOOK must be an https:// URL');
  });
});
