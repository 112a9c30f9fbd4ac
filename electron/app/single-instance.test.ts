import { describe, expect, it, vi } from 'vitest';
import { type LaunchRequest, parseLaunchRequest } from './args';
import {
  MAX_RELAYED_PATH,
  type SecondInstanceListener,
  type SingleInstanceApp,
  claimSingleInstance,
  readAdditionalData,
  toAdditionalData,
} from './single-instance';

/** A fake app; `otherHolder` is the running cockpit that got the lock first and hears what we send it. */
function fakeApp(gotLock: boolean) {
  const listeners: SecondInstanceListener[] = [];
  const sent: unknown[] = [];
  const quit = vi.fn<() => void>();
  const app: SingleInstanceApp = {
    requestSingleInstanceLock: (additionalData) => {
      sent.push(additionalData);
      return gotLock;
    },
    quit,
    on: (_event, listener) => void listeners.push(listener),
  };
  const launchAgain = (argv: string[], cwd: string, additionalData?: unknown) => {
    for (const listener of listeners) listener({}, argv, cwd, additionalData);
  };
  return { app, quit, sent, launchAgain, listeners };
}

const noFiles = () => false;

function claim(gotLock: boolean, request: LaunchRequest = { workspace: null, demo: false }) {
  const fake = fakeApp(gotLock);
  const onSecondInstance = vi.fn<(request: LaunchRequest | null) => void>();
  const primary = claimSingleInstance(fake.app, {
    request,
    fromArgv: (argv, cwd) => parseLaunchRequest(argv, cwd, noFiles),
    onSecondInstance,
  });
  return { ...fake, primary, onSecondInstance };
}

describe('claimSingleInstance', () => {
  it('a second launch sends its resolved request with the lock, quits at once and starts nothing', () => {
    const { primary, quit, sent, listeners } = claim(false, { workspace: '/home/me/infra/cockpit.yaml', demo: true });
    expect(primary).toBe(false);
    expect(sent).toEqual([{ workspace: '/home/me/infra/cockpit.yaml', demo: true }]);
    expect(quit).toHaveBeenCalledOnce();
    expect(listeners).toHaveLength(0);
  });

  it('the running cockpit acts on the request a second launch sent, not on its (reordered) argv', () => {
    const { primary, launchAgain, onSecondInstance, quit } = claim(true);
    expect(primary).toBe(true);
    // Chromium moved the switches around: argv alone would miss the workspace or take the wrong value.
    launchAgain(['cockpit', '--workspace', '--original-process-start-time=1', 'x.yaml'], '/tmp', {
      workspace: '/home/me/infra/x.yaml',
      demo: false,
    });
    expect(onSecondInstance).toHaveBeenLastCalledWith({ workspace: '/home/me/infra/x.yaml', demo: false });
    launchAgain(['cockpit'], '/tmp', { workspace: null, demo: true });
    expect(onSecondInstance).toHaveBeenLastCalledWith({ workspace: null, demo: true });
    expect(quit).not.toHaveBeenCalled();
  });

  it("falls back to the relayed argv, relative to the second launch's directory, only when no data came", () => {
    const { launchAgain, onSecondInstance } = claim(true);
    launchAgain(['cockpit', '--workspace', 'infra/cockpit.yaml'], '/home/me');
    expect(onSecondInstance).toHaveBeenLastCalledWith({ workspace: '/home/me/infra/cockpit.yaml', demo: false });
    launchAgain(['cockpit', '--demo'], '/home/me', {});
    expect(onSecondInstance).toHaveBeenLastCalledWith({ workspace: null, demo: true });
  });

  it('a request that fails the checks is not acted on, and argv is not consulted instead', () => {
    const { launchAgain, onSecondInstance } = claim(true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    launchAgain(['cockpit', '--workspace=/srv/from-argv.yaml'], '/home/me', {
      workspace: 'relative.yaml',
      demo: false,
    });
    expect(onSecondInstance).toHaveBeenLastCalledWith(null);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not absolute'));
    warn.mockRestore();
  });
});

describe('readAdditionalData', () => {
  it('accepts exactly { workspace: absolute path | null, demo: boolean }', () => {
    expect(readAdditionalData(toAdditionalData({ workspace: '/srv/cockpit.yaml', demo: false }))).toEqual({
      kind: 'request',
      request: { workspace: '/srv/cockpit.yaml', demo: false },
    });
    expect(readAdditionalData({ workspace: null, demo: true })).toEqual({
      kind: 'request',
      request: { workspace: null, demo: true },
    });
  });

  it('treats no data as absent (an older launcher)', () => {
    for (const data of [undefined, null, {}]) expect(readAdditionalData(data)).toEqual({ kind: 'absent' });
  });

  it('refuses anything else another process might send', () => {
    const invalid: unknown[] = [
      'workspace=/etc/passwd',
      42,
      [{ workspace: '/a.yaml', demo: false }],
      { workspace: '/a.yaml' }, // missing demo
      { workspace: '/a.yaml', demo: 'yes' },
      { workspace: 7, demo: false },
      { workspace: '', demo: false },
      { workspace: 'infra/cockpit.yaml', demo: false }, // relative: would resolve against the wrong directory
      { workspace: '/a.yaml\0.png', demo: false },
      { workspace: `/${'a'.repeat(MAX_RELAYED_PATH)}`, demo: false },
      { workspace: '/a.yaml', demo: false, run: 'rm -rf /' }, // an extra key
    ];
    for (const data of invalid) expect(readAdditionalData(data)).toMatchObject({ kind: 'invalid' });
  });
});
