import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from './app-protocol';
import { type PermissionDetailsLike, type PermissionSessionLike, installPermissionPolicy } from './permissions';
import { createAppUrlMatcher } from './sender-trust';

type RequestHandler = Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0];

function install(devServerUrl?: string) {
  let onRequest: RequestHandler | null = null;
  let onCheck: CheckHandler | null = null;
  installPermissionPolicy(
    {
      setPermissionRequestHandler: (handler) => void (onRequest = handler),
      setPermissionCheckHandler: (handler) => void (onCheck = handler),
    },
    createAppUrlMatcher({ appOrigin: APP_ORIGIN, ...(devServerUrl ? { devServerUrl } : {}) }),
  );
  const request = (permission: string, details: PermissionDetailsLike) => {
    let granted: boolean | undefined;
    onRequest?.({}, permission, (answer) => (granted = answer), details);
    return granted;
  };
  const check = (permission: string, origin: string, details: PermissionDetailsLike & { embeddingOrigin?: string }) =>
    onCheck?.({}, permission, origin, details);
  return { request, check };
}

const ours = { requestingUrl: 'app://cockpit/index.html#/health', isMainFrame: true };

describe('installPermissionPolicy', () => {
  it('grants our own page notifications and clipboard writes (the Copy buttons), and nothing else', () => {
    const { request, check } = install();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(request('notifications', ours)).toBe(true);
    expect(check('notifications', 'app://cockpit', { isMainFrame: true })).toBe(true);
    expect(check('clipboard-sanitized-write', 'app://cockpit', { ...ours })).toBe(true);
    expect(request('clipboard-read', ours)).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fileSystem', 'unknown']) {
      expect(request(permission, ours)).toBe(false);
      expect(check(permission, 'app://cockpit', { ...ours })).toBe(false);
    }
    warn.mockRestore();
  });

  it('denies even those to any other page, a subframe, or a cross-origin embed', () => {
    const { request, check } = install();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(request('notifications', { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(request('notifications', { requestingUrl: 'file:///app/out/renderer/index.html', isMainFrame: true })).toBe(
      false,
    );
    expect(request('notifications', { requestingUrl: 'app://other/index.html', isMainFrame: true })).toBe(false);
    expect(request('notifications', { ...ours, isMainFrame: false })).toBe(false);
    expect(request('notifications', { isMainFrame: true })).toBe(false); // no URL: cannot tell, so no
    expect(check('notifications', 'https://evil.example', { isMainFrame: true })).toBe(false);
    expect(
      check('clipboard-sanitized-write', 'https://evil.example', {
        requestingUrl: 'https://evil.example/',
        isMainFrame: true,
      }),
    ).toBe(false);
    expect(check('notifications', 'app://cockpit', { ...ours, embeddingOrigin: 'https://evil.example' })).toBe(false);
    warn.mockRestore();
  });

  it('trusts the dev server only when it is configured', () => {
    const dev = { requestingUrl: 'http://localhost:5173/', isMainFrame: true };
    expect(install('http://localhost:5173/').request('notifications', dev)).toBe(true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(install().request('notifications', dev)).toBe(false);
    warn.mockRestore();
  });
});
