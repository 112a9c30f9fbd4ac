import { describe, expect, it, vi } from 'vitest';
import { cmdProblem, quoteCmd, quoteFor, shellDialect, shellInvocation, stopTree } from './local-shell';
import { quote } from './quote';

describe('shellInvocation', () => {
  it('runs `/bin/sh -c CMD` in a process group of its own on every POSIX platform', () => {
    for (const platform of ['linux', 'darwin', 'freebsd'] as const) {
      expect(shellInvocation('echo hi; exit 3', platform, { ComSpec: 'C:\\x\\cmd.exe' })).toEqual({
        dialect: 'posix',
        file: '/bin/sh',
        args: ['-c', 'echo hi; exit 3'],
        options: { detached: true },
      });
    }
  });

  it('runs cmd.exe /d /s /c "CMD" verbatim on Windows when %ComSpec% is not set', () => {
    expect(shellInvocation('echo a & echo "b"', 'win32', {})).toEqual({
      dialect: 'cmd',
      file: 'cmd.exe',
      args: ['/d', '/s', '/c', '"echo a & echo "b""'],
      options: { detached: false, windowsHide: true, windowsVerbatimArguments: true },
    });
    expect(shellInvocation('ver', 'win32', { ComSpec: '' }).file).toBe('cmd.exe');
  });

  it('uses the interpreter %ComSpec% names, in whatever case the variable is spelled', () => {
    const file = 'C:\\Windows\\system32\\cmd.exe';
    expect(shellInvocation('ver', 'win32', { ComSpec: file }).file).toBe(file);
    expect(shellInvocation('ver', 'win32', { COMSPEC: file }).file).toBe(file);
    expect(shellInvocation('ver', 'win32', { comspec: file }).args).toEqual(['/d', '/s', '/c', '"ver"']);
  });

  it('names the dialect of each platform', () => {
    expect(shellDialect('win32')).toBe('cmd');
    expect(shellDialect('linux')).toBe('posix');
    expect(shellDialect('darwin')).toBe('posix');
  });
});

describe('cmdProblem', () => {
  it('accepts one line, with or without a trailing line break', () => {
    expect(cmdProblem('echo hi')).toBeNull();
    expect(cmdProblem('echo hi\r\n')).toBeNull();
    expect(cmdProblem('\n  echo hi\n\n')).toBeNull();
  });

  it('refuses a script of several lines instead of letting cmd.exe run its first line only', () => {
    expect(cmdProblem('base=~/srv/app\nmkdir -p "$base" || exit 2\necho ok')).toBe(
      "cmd.exe runs a single line and this command has 3 (a POSIX shell script, such as the deploy engine's own host steps, needs a POSIX shell)",
    );
  });
});

describe('stopTree', () => {
  const deps = () => ({ kill: vi.fn(), run: vi.fn() });

  it('signals the whole process group on POSIX', () => {
    const d = deps();
    stopTree(4242, 'SIGTERM', 'linux', {}, d);
    stopTree(4242, 'SIGKILL', 'darwin', {}, d);
    expect(d.kill.mock.calls).toEqual([
      [-4242, 'SIGTERM'],
      [-4242, 'SIGKILL'],
    ]);
    expect(d.run).not.toHaveBeenCalled();
  });

  it('takes a group that is already gone in its stride', () => {
    const d = deps();
    d.kill.mockImplementation(() => {
      throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });
    });
    expect(() => stopTree(4242, 'SIGTERM', 'linux', {}, d)).not.toThrow();
  });

  it("uses the system's taskkill on the whole tree, forcefully, on Windows", () => {
    const d = deps();
    stopTree(4242, 'SIGTERM', 'win32', { SystemRoot: 'C:\\Windows' }, d);
    stopTree(4242, 'SIGKILL', 'win32', { SYSTEMROOT: 'D:\\Win' }, d);
    stopTree(4242, 'SIGKILL', 'win32', {}, d);
    expect(d.run.mock.calls.map(([file]) => String(file).replace(/\\/g, '/'))).toEqual([
      'C:/Windows/System32/taskkill.exe',
      'D:/Win/System32/taskkill.exe',
      'taskkill.exe',
    ]);
    expect(d.run.mock.calls.every(([, args]) => JSON.stringify(args) === '["/pid","4242","/T","/F"]')).toBe(true);
    expect(d.kill).not.toHaveBeenCalled();
  });

  it('does nothing without a pid (the process never started)', () => {
    const d = deps();
    stopTree(undefined, 'SIGKILL', 'linux', {}, d);
    stopTree(undefined, 'SIGKILL', 'win32', {}, d);
    expect(d.kill).not.toHaveBeenCalled();
    expect(d.run).not.toHaveBeenCalled();
  });
});

/**
 * How a Windows program's C runtime splits its command line (the documented rules, as CommandLineToArgvW applies
 * them): 2n backslashes before a quote are n backslashes and the quote toggles quoting; 2n+1 are n backslashes and
 * a literal quote; other backslashes are literal; whitespace outside quotes separates arguments.
 */
function windowsArgv(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '\\') {
      let n = 0;
      while (line[i + n] === '\\') n++;
      if (line[i + n] === '"') {
        current += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) current += '"';
        else quoted = !quoted;
        i += n;
      } else {
        current += '\\'.repeat(n);
        i += n - 1;
      }
      inArg = true;
    } else if (c === '"') {
      quoted = !quoted;
      inArg = true;
    } else if ((c === ' ' || c === '\t') && !quoted) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += c;
      inArg = true;
    }
  }
  if (inArg) args.push(current);
  return args;
}

describe('quoteCmd', () => {
  it('leaves plain words readable and wraps the rest in double quotes', () => {
    expect(quoteCmd('20250101T120000Z-v1.4.0')).toBe('20250101T120000Z-v1.4.0');
    expect(quoteCmd('C:\\backups\\orders.tgz')).toBe('C:\\backups\\orders.tgz');
    expect(quoteCmd(7101)).toBe('7101');
    expect(quoteCmd('')).toBe('""');
    expect(quoteCmd('two words')).toBe('"two words"');
    // Batch files split arguments at = , ; too, so those are quoted even without a space.
    expect(quoteCmd('a=b')).toBe('"a=b"');
    expect(quoteCmd('a,b;c')).toBe('"a,b;c"');
  });

  it('keeps cmd.exe operators inside the quotes, where cmd.exe leaves them alone', () => {
    for (const value of ['a & b', 'x | y', '<in >out', '^caret', '(group)', 'rm -rf /']) {
      const quoted = quoteCmd(value);
      expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
      expect(quoted.slice(1, -1)).toBe(value);
    }
  });

  it("is read back as exactly the value by a Windows program's argument parser", () => {
    const values = ['two words', 'C:\\Program Files\\app\\', 'C:\\dir\\\\', 'tab\there', 'ünïcödé ✓', 'a & b', '-rf'];
    for (const value of values) {
      expect(windowsArgv(`tar -tzf ${quoteCmd(value)}`)).toEqual(['tar', '-tzf', value]);
    }
  });

  it('refuses what cmd.exe cannot be given safely: quotes, %variables%, !, line breaks, NUL', () => {
    for (const value of ['say "hi"', '%PATH%', '50%', 'bang!', 'a\nb', 'a\rb', 'a\0b']) {
      expect(() => quoteCmd(value)).toThrow(/cannot be passed safely to cmd\.exe/);
    }
  });
});

describe('quoteFor', () => {
  it("gives each dialect its shell's quoting", () => {
    expect(quoteFor('posix')).toBe(quote);
    expect(quoteFor('cmd')).toBe(quoteCmd);
    expect(quoteFor('posix')("it's")).toBe(`'it'\\''s'`);
    expect(quoteFor('cmd')("it's")).toBe(`"it's"`);
  });
});
