/**
 * A Slack webhook kept in the keychain, end to end inside a real backend context: the Health screen stores it
 * (encrypted by a stand-in for safeStorage, in a file in the data folder), the service breaks, and the alert
 * reaches a loopback Slack receiver. Without a cipher (serve mode, the CLI) the keychain says it is unavailable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KEYCHAIN_FILE, NO_CIPHER } from '../alerts/keychain-store';
import { type SecretCipher } from '../alerts/types';
import { freeDemoPorts } from '../demo/testing/demo-workspace';
import { type HealthFeature, createHealthFeature } from './feature';
import { type HealthTestContext, createHealthTestContext } from './testing/feature-context';
import { type Loopback, httpServer } from './testing/loopback';

const wait = { timeout: 15_000, interval: 50 };

/** Reversible, and its output never contains the plain text. */
const fakeCipher: SecretCipher = {
  isAvailable: () => true,
  encrypt: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x3c)),
  decrypt: (encrypted) => Buffer.from([...encrypted].map((b) => b ^ 0x3c)).toString('utf8'),
};

describe('a Slack webhook kept in the keychain', () => {
  let service: Loopback;
  let slack: Loopback;
  let broken = false;
  const posts: Array<{ path: string; text: string }> = [];
  let t: HealthTestContext;
  let feature: HealthFeature;
  let hook: string;

  beforeAll(async () => {
    service = await httpServer((_req, res) => {
      res.statusCode = broken ? 503 : 200;
      res.end(broken ? 'down' : 'ok');
    });
    slack = await httpServer((req, res, body) => {
      posts.push({ path: req.url ?? '/', text: (JSON.parse(body) as { text: string }).text });
      res.end('ok');
    });
    hook = `${slack.url}/services/T0/B0/kept-in-keychain`;
    t = createHealthTestContext({ background: true, ports: await freeDemoPorts() });
    feature = createHealthFeature(t.context, { cipher: fakeCipher, env: {}, sampleEveryMs: 200 });
    const file = t.writeWorkspace('cockpit.yaml', {
      version: 1,
      name: 'Keychain',
      environments: { production: {} },
      services: {
        checkout: {
          health: [
            {
              id: 'ready',
              http: `${service.url}/ready`,
              critical: true,
              every: '300ms',
              everyFailing: '100ms',
              retries: 0,
            },
          ],
        },
      },
      alerts: { desktop: false, slack: { webhook: 'keychain:slack' } },
    });
    await t.workspace.open(file);
  });
  afterAll(async () => {
    await feature?.close();
    await t?.close();
    await slack?.close();
    await service?.close();
  });

  it('says the entry is missing before it is stored', async () => {
    const settings = await feature.handlers['health.settings']({});
    expect(settings.keychain).toEqual({ available: true, problem: null, entries: [{ name: 'slack', stored: false }] });
    expect(settings.slack).toMatchObject({
      ready: false,
      problem: 'the keychain has no entry "slack" (referenced as keychain:slack)',
    });
  });

  it('stores it encrypted, never says it back, and journals that it changed', async () => {
    expect(await feature.handlers['health.setKeychainSecret']({ name: 'slack', value: hook })).toEqual({
      name: 'slack',
      stored: true,
    });
    const settings = await feature.handlers['health.settings']({});
    expect(settings.keychain.entries).toEqual([{ name: 'slack', stored: true }]);
    expect(settings.slack).toMatchObject({ reference: 'keychain:slack', ready: true, problem: null });
    expect(JSON.stringify(settings)).not.toContain('kept-in-keychain');

    const onDisk = readFileSync(join(t.dir, KEYCHAIN_FILE), 'utf8');
    expect(onDisk).not.toContain('kept-in-keychain');
    expect(onDisk).not.toContain(String(slack.port));
    const journalled = t.journal.list({ kind: 'health.alertSetting', limit: 5 }).actions;
    expect(journalled.map((a) => a.title)).toEqual(['Stored keychain:slack in the OS keychain']);
    expect(JSON.stringify(t.journal.get(journalled[0]?.id ?? ''))).not.toContain('kept-in-keychain');
  });

  it('sends the alert to the webhook read from the keychain', async () => {
    await vi.waitFor(async () => expect((await feature.handlers['health.overview']({})).worst).toBe('up'), wait);
    broken = true;
    await vi.waitFor(() => expect(posts).toHaveLength(1), wait);
    expect(posts[0]?.path).toBe('/services/T0/B0/kept-in-keychain');
    expect(posts[0]?.text).toContain('checkout (production) is down');
  });

  it('forgets it when asked', async () => {
    expect(await feature.handlers['health.deleteKeychainSecret']({ name: 'slack' })).toEqual({
      name: 'slack',
      stored: false,
    });
    const settings = await feature.handlers['health.settings']({});
    expect(settings.keychain.entries).toEqual([{ name: 'slack', stored: false }]);
    expect(settings.slack?.ready).toBe(false);
  });
});

describe('the keychain outside the desktop app', () => {
  let t: HealthTestContext;
  let feature: HealthFeature;

  beforeAll(async () => {
    t = createHealthTestContext({ background: false, ports: await freeDemoPorts() });
    feature = createHealthFeature(t.context, { env: {} });
  });
  afterAll(async () => {
    await feature?.close();
    await t?.close();
  });

  it('is unavailable, says to use env:, and stores nothing', async () => {
    expect((await feature.handlers['health.settings']({})).keychain).toEqual({
      available: false,
      problem: NO_CIPHER,
      entries: [],
    });
    await expect(
      Promise.resolve().then(() => feature.handlers['health.setKeychainSecret']({ name: 'slack', value: 'x' })),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED', message: `keychain:slack cannot be stored: ${NO_CIPHER}` });
    expect(() => readFileSync(join(t.dir, KEYCHAIN_FILE))).toThrow();
  });
});
