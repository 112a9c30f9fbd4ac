import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, readToken, socketUrl, takeToken } from './token';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('serve-mode token', () => {
  it('takes the token from the URL, stores it and removes it from the address bar', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const token = takeToken({
      href: 'http://127.0.0.1:4312/?token=s3cr3t-t0k3n#/health',
      storage,
      replaceUrl: (u) => replaced.push(u),
    });
    expect(token).toBe('s3cr3t-t0k3n');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('s3cr3t-t0k3n');
    expect(replaced).toEqual(['/#/health']);
  });

  it('keeps other query parameters when removing the token', () => {
    const replaced: string[] = [];
    takeToken({
      href: 'http://127.0.0.1:4312/?a=1&token=t&b=2',
      storage: memoryStorage(),
      replaceUrl: (u) => replaced.push(u),
    });
    expect(replaced).toEqual(['/?a=1&b=2']);
  });

  it('uses the stored copy on reload and leaves the address bar alone', () => {
    const replaced: string[] = [];
    const token = takeToken({
      href: 'http://127.0.0.1:4312/#/activity',
      storage: memoryStorage({ [TOKEN_STORAGE_KEY]: 'from-before' }),
      replaceUrl: (u) => replaced.push(u),
    });
    expect(token).toBe('from-before');
    expect(replaced).toEqual([]);
  });

  it('prefers a new token in the URL over an old stored one', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'old' });
    const token = takeToken({ href: 'http://127.0.0.1:1/?token=new', storage, replaceUrl: () => undefined });
    expect(token).toBe('new');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('tells a token from the address just opened from one kept by an earlier load (a refusal then means a restart)', () => {
    const storage = memoryStorage();
    const opened = readToken({ href: 'http://127.0.0.1:1/?token=t1', storage, replaceUrl: () => undefined });
    expect(opened).toEqual({ token: 't1', fromEarlierLoad: false });
    const reloaded = readToken({ href: 'http://127.0.0.1:1/', storage, replaceUrl: () => undefined });
    expect(reloaded).toEqual({ token: 't1', fromEarlierLoad: true });
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeToken({ href: 'http://127.0.0.1:1/', storage: memoryStorage(), replaceUrl: () => undefined })).toBe(
      null,
    );
  });

  it('still works when storage is blocked', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(takeToken({ href: 'http://127.0.0.1:1/?token=abc', storage: blocked, replaceUrl: () => undefined })).toBe(
      'abc',
    );
    expect(takeToken({ href: 'http://127.0.0.1:1/', storage: blocked, replaceUrl: () => undefined })).toBe(null);
  });

  it('builds ws:// or wss:// URLs on the page host with the token encoded', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4312' }, 'a b&c')).toBe(
      'ws://127.0.0.1:4312/api?token=a%20b%26c',
    );
    expect(socketUrl({ protocol: 'https:', host: 'cockpit.local' }, 't')).toBe('wss://cockpit.local/api?token=t');
  });
});
