import { describe, expect, it } from 'vitest';
import { defaultFlapPolicy } from '../health/check-state';
import { NO_CIPHER } from './keychain-store';
import { alertSettings } from './settings';
import { type Keychain } from './types';

const noon = new Date(2026, 2, 1, 12, 0).getTime();
const night = new Date(2026, 2, 1, 23, 30).getTime();

describe('how alerts are sent, as the Health screen says it', () => {
  it('says a Slack webhook is ready without ever showing its value', async () => {
    const settings = await alertSettings(
      { desktop: true, slack: { webhook: 'env:HOOK' }, quietHours: '22:00-07:00' },
      { env: { HOOK: 'https://hooks.slack.com/services/T0/B0/secret' } },
      defaultFlapPolicy,
      night,
    );
    expect(settings).toEqual({
      desktop: true,
      slack: { reference: 'env:HOOK', channel: null, ready: true, problem: null },
      quietHours: '22:00-07:00',
      quietHoursSource: 'workspace',
      workspaceQuietHours: '22:00-07:00',
      quietNow: true,
      keychain: { available: false, problem: NO_CIPHER, entries: [] },
      flap: defaultFlapPolicy,
    });
    expect(JSON.stringify(settings)).not.toContain('secret');
  });

  it('says what is missing: an unset variable, the keychain outside the desktop app, a plain-http URL', async () => {
    const check = async (webhook: string, env: Record<string, string> = {}) =>
      (await alertSettings({ desktop: false, slack: { webhook } }, { env }, defaultFlapPolicy, noon)).slack;
    expect(await check('env:HOOK')).toMatchObject({
      ready: false,
      problem: 'environment variable HOOK is not set (referenced as env:HOOK)',
    });
    expect((await check('keychain:slack'))?.problem).toMatch(
      /^keychain:slack needs the OS keychain, which only the desktop app/,
    );
    expect((await check('env:HOOK', { HOOK: 'http://hooks.example.com/x' }))?.problem).toBe(
      'the webhook in env:HOOK must be an https:// URL',
    );
  });

  it('quiet hours are off outside their window, and absent when not set', async () => {
    expect(
      (await alertSettings({ desktop: true, quietHours: '22:00-07:00' }, {}, defaultFlapPolicy, noon)).quietNow,
    ).toBe(false);
    expect(await alertSettings(undefined, {}, defaultFlapPolicy, noon)).toMatchObject({
      desktop: true,
      slack: null,
      quietHours: null,
    });
  });

  it('quiet hours set in the app win over the workspace file, which is still shown', async () => {
    const settings = await alertSettings({ desktop: true, quietHours: '22:00-07:00' }, {}, defaultFlapPolicy, noon, {
      quietHours: '11:00-13:00',
    });
    expect(settings).toMatchObject({
      quietHours: '11:00-13:00',
      quietHoursSource: 'app',
      workspaceQuietHours: '22:00-07:00',
      quietNow: true,
    });
    expect(
      await alertSettings({ desktop: true }, {}, defaultFlapPolicy, noon, { quietHours: '23:00-06:00' }),
    ).toMatchObject({ quietHours: '23:00-06:00', quietHoursSource: 'app', workspaceQuietHours: null, quietNow: false });
  });

  it('names the keychain entries the workspace needs, and whether each is stored', async () => {
    const stored = new Map([['slack', 'https://hooks.slack.com/services/T0/B0/secret']]);
    const keychain: Keychain = {
      unavailable: () => null,
      has: (name) => stored.has(name),
      get: async (name) => stored.get(name),
      set: (name, value) => void stored.set(name, value),
      delete: (name) => stored.delete(name),
    };
    const settings = await alertSettings(
      { desktop: true, slack: { webhook: 'keychain:slack' } },
      { keychain },
      defaultFlapPolicy,
      noon,
    );
    expect(settings.keychain).toEqual({ available: true, problem: null, entries: [{ name: 'slack', stored: true }] });
    expect(settings.slack).toMatchObject({ ready: true, problem: null });
    expect(JSON.stringify(settings)).not.toContain('secret');

    stored.clear();
    const missing = await alertSettings(
      { desktop: true, slack: { webhook: 'keychain:slack' } },
      { keychain },
      defaultFlapPolicy,
      noon,
    );
    expect(missing.keychain.entries).toEqual([{ name: 'slack', stored: false }]);
    expect(missing.slack?.problem).toBe('the keychain has no entry "slack" (referenced as keychain:slack)');
  });
});
