import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders, isEnvName, quote, quotePath, raw, sh } from './quote';

const tricky = [
  '',
  'plain',
  'two words',
  "it's",
  "''",
  '"double"',
  '$(touch /tmp/pwned)',
  '`id`',
  '${HOME}',
  '$HOME',
  'a\nb\nc',
  'tab\there',
  'back\\slash',
  '*',
  '~',
  '~/x',
  '-rf',
  '; rm -rf /',
  '| cat',
  '&& echo hi',
  'ünïcödé ✓ 日本語',
  '!event',
  '#comment',
  'trailing space ',
  '\'mixed "quotes" and $vars\'',
];

// The only proof that matters: a real shell reads the quoted text back as exactly the original.
const shells = ['/bin/sh', '/bin/bash', '/bin/dash'].filter((s) => existsSync(s));

function echoThrough(shell: string, script: string): string {
  return execFileSync(shell, ['-c', script], { encoding: 'utf8' });
}

describe('quote', () => {
  for (const shell of shells) {
    it(`round-trips every tricky value through ${shell}`, () => {
      for (const value of tricky) {
        expect(echoThrough(shell, `printf '%s' ${quote(value)}`)).toBe(value);
      }
    });
  }

  it('leaves simple words readable', () => {
    expect(quote('releases/20250101T120000Z-8b71ff7')).toBe('releases/20250101T120000Z-8b71ff7');
    expect(quote(42)).toBe('42');
    expect(quote('')).toBe("''");
    expect(quote("it's")).toBe(`'it'\\''s'`);
  });

  it('refuses a NUL byte, which no shell argument can hold', () => {
    expect(() => quote('a\0b')).toThrow(/NUL/);
  });
});

describe('sh template', () => {
  it('quotes every interpolation and keeps the template as code', () => {
    const dir = 'my dir; rm -rf /';
    expect(sh`cd ${dir} && ls`).toBe(`cd 'my dir; rm -rf /' && ls`);
  });

  it('expands arrays into several quoted words and inserts raw code unquoted', () => {
    expect(sh`rm -rf ${['a b', 'c']}`).toBe(`rm -rf 'a b' c`);
    expect(sh`${raw('echo "$HOME"')} ${'$x'}`).toBe(`echo "$HOME" '$x'`);
  });

  it('produces commands a shell runs with the values intact', () => {
    const values = ['$(id)', "o'neil", 'x\ny'];
    const out = echoThrough('/bin/sh', sh`printf '%s|' ${values}`);
    expect(out).toBe("$(id)|o'neil|x\ny|");
  });
});

describe('quotePath', () => {
  it('lets the remote shell expand ~ and quotes the rest', () => {
    const home = '/home/someone';
    const run = (p: string) =>
      execFileSync('/bin/sh', ['-c', `printf '%s' ${quotePath(p)}`], { encoding: 'utf8', env: { HOME: home } });
    expect(run('~/srv/my app')).toBe('/home/someone/srv/my app');
    expect(run('~')).toBe(home);
    expect(run('/srv/$(x)')).toBe('/srv/$(x)');
  });
});

describe('fillPlaceholders', () => {
  it('quotes known placeholders and leaves the command’s own variables alone', () => {
    const cmd = fillPlaceholders('deploy.sh ${release} --home ${HOME} --env ${env}', {
      release: "v1'; rm -rf /",
      env: 'staging',
    });
    expect(cmd).toBe(`deploy.sh 'v1'\\''; rm -rf /' --home \${HOME} --env staging`);
  });

  it('fills the {name} form backups use, quoted, and leaves awk blocks and unknown names alone', () => {
    const cmd = fillPlaceholders(
      "pg_restore -f /dev/null {file} && awk '{print $1}' {other} && psql -c \"select '{scratch}'\"",
      { file: '/b/x; rm -rf ~', scratch: "a'b" },
      { form: 'brace' },
    );
    expect(cmd).toBe(
      `pg_restore -f /dev/null '/b/x; rm -rf ~' && awk '{print $1}' {other} && psql -c "select '"'a'\\''b'"'"`,
    );
  });
});

describe('isEnvName', () => {
  it('accepts shell identifiers only', () => {
    expect(isEnvName('COCKPIT_RELEASE')).toBe(true);
    expect(isEnvName('A=B')).toBe(false);
    expect(isEnvName('1X')).toBe(false);
    expect(isEnvName('X;id')).toBe(false);
  });
});
