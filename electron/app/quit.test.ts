import { describe, expect, it, vi } from 'vitest';
import { type QuitAppLike, type QuitWindowLike, installQuitSequence } from './quit';
import { type PreventableEvent } from './web-guards';

/** Records every step in one list so the test can hold the order to exactly what it must be. */
function setup(options: { windows?: number; closes?: 'at-once' | 'later' | 'never' } = {}) {
  const log: string[] = [];
  let beforeQuit: ((event: PreventableEvent) => void) | null = null;
  let quits = 0;
  const app: QuitAppLike = {
    on: (_event, listener) => void (beforeQuit = listener),
    quit: () => {
      quits += 1;
      log.push('app.quit');
      // Electron emits before-quit again for every app.quit(); it really quits unless a listener prevents it.
      if (!requestQuit()) log.push('really quit');
    },
  };
  const requestQuit = (): boolean => {
    let prevented = false;
    beforeQuit?.({ preventDefault: () => (prevented = true) });
    return prevented;
  };

  const windows = Array.from({ length: options.windows ?? 1 }, (_, index) => {
    const closed: (() => void)[] = [];
    const window: QuitWindowLike & { destroyed: boolean; fireClosed(): void } = {
      destroyed: false,
      isDestroyed: () => window.destroyed,
      close: () => {
        log.push(`window ${index} close`);
        if ((options.closes ?? 'at-once') === 'at-once') window.fireClosed();
      },
      destroy: () => {
        log.push(`window ${index} destroy`);
        window.fireClosed();
      },
      once: (_event, listener) => void closed.push(listener),
      fireClosed: () => {
        window.destroyed = true;
        for (const listener of closed.splice(0)) listener();
      },
    };
    return window;
  });

  let releaseTimeout: (() => void) | null = null;
  let backendClosed: () => void = () => {};
  const sequence = installQuitSequence(
    app,
    {
      windows: () => windows,
      release: () => log.push('ipc disposed, tray removed'),
      closeBackend: () =>
        new Promise<void>((resolve) => {
          log.push('backend closing');
          backendClosed = () => {
            log.push('backend closed');
            resolve();
          };
        }),
    },
    {
      windowCloseTimeoutMs: 5000,
      schedule: (fn) => {
        releaseTimeout = fn;
        return () => (releaseTimeout = null);
      },
    },
  );
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    log,
    windows,
    sequence,
    requestQuit,
    flush,
    quits: () => quits,
    closeBackend: () => backendClosed(),
    fireTimeout: () => releaseTimeout?.(),
  };
}

describe('installQuitSequence', () => {
  it('closes the windows first, then IPC and the tray, then the backend, then really quits', async () => {
    const t = setup({ windows: 2 });
    expect(t.requestQuit()).toBe(true); // the first quit is held back
    expect(t.sequence.quitting).toBe(true);
    await t.flush();
    expect(t.log).toEqual(['window 0 close', 'window 1 close', 'ipc disposed, tray removed', 'backend closing']);
    t.closeBackend();
    await t.flush();
    expect(t.log.slice(4)).toEqual(['backend closed', 'app.quit', 'really quit']);
  });

  it('keeps IPC answering until every window is destroyed', async () => {
    const t = setup({ windows: 2, closes: 'later' });
    t.requestQuit();
    await t.flush();
    expect(t.log).toEqual(['window 0 close', 'window 1 close']); // IPC still there while the pages close
    t.windows[0]?.fireClosed();
    await t.flush();
    expect(t.log).not.toContain('ipc disposed, tray removed');
    t.windows[1]?.fireClosed();
    await t.flush();
    expect(t.log.slice(2)).toEqual(['ipc disposed, tray removed', 'backend closing']);
  });

  it('asking again while quitting (window-all-closed, a second Cmd+Q) does not start over', async () => {
    const t = setup({ closes: 'later' });
    t.requestQuit();
    expect(t.requestQuit()).toBe(true);
    t.windows[0]?.fireClosed();
    await t.flush();
    t.closeBackend();
    await t.flush();
    expect(t.log.filter((line) => line === 'window 0 close')).toHaveLength(1);
    expect(t.log.filter((line) => line === 'backend closing')).toHaveLength(1);
    expect(t.quits()).toBe(1);
  });

  it('destroys a window whose page will not close, instead of hanging the quit', async () => {
    const t = setup({ closes: 'never' });
    t.requestQuit();
    await t.flush();
    expect(t.log).toEqual(['window 0 close']);
    t.fireTimeout();
    await t.flush();
    expect(t.log).toEqual(['window 0 close', 'window 0 destroy', 'ipc disposed, tray removed', 'backend closing']);
  });

  it('with no window left (the last one was closed) goes straight to closing the backend', async () => {
    const t = setup({ windows: 0 });
    t.requestQuit();
    await t.flush();
    expect(t.log).toEqual(['ipc disposed, tray removed', 'backend closing']);
  });

  it('still quits when closing the backend fails', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log: string[] = [];
    const hooks: { beforeQuit?: (event: PreventableEvent) => void } = {};
    installQuitSequence(
      { on: (_event, listener) => void (hooks.beforeQuit = listener), quit: () => log.push('app.quit') },
      { windows: () => [], release: () => {}, closeBackend: () => Promise.reject(new Error('disk full')) },
    );
    hooks.beforeQuit?.({ preventDefault: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['app.quit']);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('closing the backend failed: Error: disk full'));
    error.mockRestore();
  });
});
