import { describe, expect, it, vi } from 'vitest';
import { type SingleInstanceApp, claimSingleInstance } from './single-instance';

type SecondInstanceListener = (event: unknown, argv: string[], workingDirectory: string) => void;

function fakeApp(gotLock: boolean) {
  const listeners: SecondInstanceListener[] = [];
  const quit = vi.fn<() => void>();
  const app: SingleInstanceApp & { quit: typeof quit } = {
    requestSingleInstanceLock: () => gotLock,
    quit,
    on: (_event, listener) => void listeners.push(listener),
  };
  const launchAgain = (argv: string[], cwd = '/home/me') => {
    for (const listener of listeners) listener({}, argv, cwd);
  };
  return { app, launchAgain, listeners };
}

describe('claimSingleInstance', () => {
  it('a second launch quits at once and starts nothing', () => {
    const { app, listeners } = fakeApp(false);
    const handlers = { show: vi.fn(), openWorkspace: vi.fn() };
    expect(claimSingleInstance(app, handlers).primary).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(listeners).toHaveLength(0);
  });

  it("the running cockpit comes forward and opens the second launch's workspace, relative to where it was run", () => {
    const { app, launchAgain } = fakeApp(true);
    const handlers = { show: vi.fn(), openWorkspace: vi.fn() };
    const instance = claimSingleInstance(app, handlers);
    if (!instance.primary) throw new Error('expected the lock');
    instance.ready();
    launchAgain(['cockpit', '--workspace', 'infra/cockpit.yaml'], '/home/me');
    expect(handlers.show).toHaveBeenCalledOnce();
    expect(handlers.openWorkspace).toHaveBeenCalledWith('/home/me/infra/cockpit.yaml');
    launchAgain(['cockpit']);
    expect(handlers.show).toHaveBeenCalledTimes(2);
    expect(handlers.openWorkspace).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('a workspace asked for while the backend starts is opened once it is ready, not lost', () => {
    const { app, launchAgain } = fakeApp(true);
    const handlers = { show: vi.fn(), openWorkspace: vi.fn() };
    const instance = claimSingleInstance(app, handlers);
    if (!instance.primary) throw new Error('expected the lock');
    launchAgain(['cockpit', '--workspace=/srv/a.yaml']);
    launchAgain(['cockpit', '--workspace=/srv/b.yaml']);
    expect(handlers.openWorkspace).not.toHaveBeenCalled();
    instance.ready();
    expect(handlers.openWorkspace).toHaveBeenCalledExactlyOnceWith('/srv/b.yaml');
  });
});
