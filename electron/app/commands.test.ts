import { describe, expect, it } from 'vitest';
import { createCommandRelay } from './commands';
import { type AppCommand } from './menu';

describe('createCommandRelay', () => {
  it('holds commands until the page listens, delivers them in order once, then delivers at once', () => {
    const delivered: AppCommand[] = [];
    const relay = createCommandRelay((command) => delivered.push(command));
    relay.send({ command: 'navigate', arg: 'cost' });
    relay.send({ command: 'open-workspace' });
    relay.send({ command: 'open-workspace' }); // pressed again while loading: once is enough
    expect(delivered).toEqual([]);
    relay.ready();
    relay.ready(); // a second "ready" does not deliver again
    expect(delivered).toEqual([{ command: 'navigate', arg: 'cost' }, { command: 'open-workspace' }]);
    relay.send({ command: 'navigate', arg: 'health' });
    expect(delivered.at(-1)).toEqual({ command: 'navigate', arg: 'health' });
  });

  it('after a reset (reload, new window) holds commands again until the new page listens', () => {
    const delivered: AppCommand[] = [];
    const relay = createCommandRelay((command) => delivered.push(command));
    relay.ready();
    relay.reset();
    expect(relay.isReady).toBe(false);
    relay.send({ command: 'navigate', arg: 'deploys' });
    expect(delivered).toEqual([]);
    relay.ready();
    expect(delivered).toEqual([{ command: 'navigate', arg: 'deploys' }]);
  });
});
