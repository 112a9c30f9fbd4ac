import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type TerminalInput, terminalPrompts } from './terminal-prompts';

/** A terminal the test types into; it records raw mode and everything written to it. */
class FakeTerminal extends EventEmitter implements TerminalInput {
  isRaw = false;
  rawModes: boolean[] = [];
  written = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  setRawMode(mode: boolean) {
    this.isRaw = mode;
    this.rawModes.push(mode);
  }
  resume() {}
  pause() {}
  type(text: string) {
    this.emit('data', Buffer.from(text));
  }
  readonly output = { write: (text: string) => (this.written += text) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const request = (host: string, attempt = 1) =>
  ({
    kind: 'passphrase',
    host,
    keyFile: '/home/ana/.ssh/id_ed25519',
    attempt,
    startedAt: 0,
    unattended: false,
  }) as const;

describe('passphrase on the terminal', () => {
  it('reads it without echo, with backspace, and puts the terminal back', async () => {
    const tty = new FakeTerminal(true);
    const asked = terminalPrompts(tty, tty.output).passphrase(request('web1'));
    await tick();
    tty.type('open sesamx');
    tty.type('\u007fe\r');
    await expect(asked).resolves.toBe('open sesame');
    expect(tty.written).toBe("Enter passphrase for key '/home/ana/.ssh/id_ed25519' (for web1): \n");
    expect(tty.written).not.toContain('sesame');
    expect(tty.rawModes).toEqual([true, false]);
  });

  it('asks once for hosts connecting with the same key, and says so after a wrong one', async () => {
    const tty = new FakeTerminal(true);
    const prompts = terminalPrompts(tty, tty.output);
    const both = Promise.all([prompts.passphrase(request('web1')), prompts.passphrase(request('web2'))]);
    await tick();
    tty.type('first\n');
    expect(await both).toEqual(['first', 'first']);
    const again = prompts.passphrase(request('web1', 2));
    await tick();
    tty.type('second\r');
    await expect(again).resolves.toBe('second');
    expect(tty.written.match(/Enter passphrase/g)).toHaveLength(2);
    expect(tty.written).toContain('Wrong passphrase, try again.');
  });

  it('gives up on Ctrl-C or an empty line (the key is skipped)', async () => {
    const tty = new FakeTerminal(true);
    const prompts = terminalPrompts(tty, tty.output);
    const interrupted = prompts.passphrase(request('web1'));
    await tick();
    tty.type('abc\u0003');
    await expect(interrupted).resolves.toBeNull();
    const empty = prompts.passphrase(request('web1', 2));
    await tick();
    tty.type('\r');
    await expect(empty).resolves.toBeNull();
  });

  it('without a terminal, fails with a reason instead of waiting', async () => {
    const pipe = new FakeTerminal(false);
    await expect(terminalPrompts(pipe, pipe.output).passphrase(request('web1'))).rejects.toThrow(
      '/home/ana/.ssh/id_ed25519 needs a passphrase, and there is no terminal to type it in (stdin is not a TTY)',
    );
  });
});

describe('confirm steps on the terminal', () => {
  it('takes y or yes, anything else is no', async () => {
    const tty = new FakeTerminal(true);
    const prompts = terminalPrompts(tty, tty.output);
    const yes = prompts.confirm('Drop the old tables?');
    await tick();
    tty.type('yes\n');
    await expect(yes).resolves.toBe(true);
    const no = prompts.confirm('Really?');
    await tick();
    tty.type('\n');
    await expect(no).resolves.toBe(false);
    expect(tty.written).toContain('Drop the old tables? [y/N] ');
  });

  it('is declined without a terminal', async () => {
    const pipe = new FakeTerminal(false);
    await expect(terminalPrompts(pipe, pipe.output).confirm('Go on?')).resolves.toBe(false);
    expect(pipe.written).toMatch(/Go on\? — no terminal to answer on .*declined/);
  });
});
