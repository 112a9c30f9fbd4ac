import { describe, expect, it } from 'vitest';
import { chooseTransport } from './choose';
import { BRIDGE_MISSING_MESSAGE, createMissingBridge } from './missing';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';
const electron = `${chrome.replace(' Safari', ' reliability-cockpit/0.1.0 Electron/41.10.7 Safari')}`;

describe('chooseTransport', () => {
  it('uses the preload when it is there', () => {
    expect(chooseTransport({ hasPreloadApi: true, href: 'app://cockpit/index.html', userAgent: electron })).toBe('ipc');
  });

  it("takes a page from `cockpit serve` for serve mode, with or without its token (then it says it's refused)", () => {
    for (const href of [
      'http://127.0.0.1:4312/?token=abc#/health',
      'http://127.0.0.1:4312/',
      'http://localhost:4312/#/cost',
      'http://[::1]:4312/',
      'https://cockpit.example/?token=abc',
    ]) {
      expect(chooseTransport({ hasPreloadApi: false, href, userAgent: chrome }), href).toBe('websocket');
    }
  });

  it('calls a desktop window without its preload what it is: the bridge is missing, not a token', () => {
    for (const href of [
      'app://cockpit/index.html#/overview',
      'file:///opt/cockpit/out/renderer/index.html',
      'http://localhost:5173/', // the dev server inside Electron
    ]) {
      expect(chooseTransport({ hasPreloadApi: false, href, userAgent: electron }), href).toBe('bridge-missing');
    }
    expect(chooseTransport({ hasPreloadApi: false, href: 'app://cockpit/index.html', userAgent: chrome })).toBe(
      'bridge-missing',
    );
    expect(chooseTransport({ hasPreloadApi: false, href: 'http://192.168.1.5:4312/', userAgent: chrome })).toBe(
      'bridge-missing',
    );
  });
});

describe('createMissingBridge', () => {
  it('reports the bridge-missing state and fails every call with the message, never hanging', async () => {
    const { api, connection } = createMissingBridge();
    expect(connection.get()).toBe('bridge-missing');
    await expect(api.app.info({})).rejects.toMatchObject({ code: 'UNAVAILABLE', message: BRIDGE_MISSING_MESSAGE });
    await expect(api.workspace.open({ path: '/srv/cockpit.yaml' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(typeof api.on('app.command', () => {})).toBe('function');
  });
});
