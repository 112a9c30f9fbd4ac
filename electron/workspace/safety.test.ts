import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployTargets } from '../../shared/workspace/targets';
import { loadWorkspaceFile } from './load';
import { parseWorkspaceText } from './parse';

const VALID = `version: 1
name: Acme
environments:
  staging: { hosts: [web-1], vars: { domain: staging.acme.com } }
  production: { hosts: [web-1] }
hosts:
  web-1: { ssh: web-1 }
services:
  api:
    deploy: { strategy: script, deploy: ./deploy, rollback: ./rollback, gateTimeout: 2m }
alerts:
  quietHours: 22:00-07:00
`;

describe('what the file is made of', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-safety-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = async (bytes: Buffer) => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, bytes);
    return { file, result: await loadWorkspaceFile(file) };
  };

  it('refuses bytes that are not UTF-8, by byte offset and line, instead of reading "�"', async () => {
    const text = Buffer.from(VALID.replace('name: Acme', 'name: Acme Caf\u00e9'), 'utf8');
    const latin1 = Buffer.from(VALID.replace('name: Acme', 'name: Acme Caf\u00e9'), 'latin1');
    expect((await load(text)).result.workspace?.name).toBe('Acme Café');

    const { file, result } = await load(latin1);
    const offset = latin1.indexOf(0xe9);
    expect(result.workspace).toBeNull();
    expect(result.issues).toEqual([
      {
        file,
        line: 2,
        column: 15,
        path: '',
        message: `the file is not UTF-8: byte 0xE9 at byte offset ${offset} is not valid UTF-8; save the file as UTF-8`,
        expected: 'a text file in UTF-8',
      },
    ]);
  });

  it('accepts one leading BOM, refuses a stray one (by byte offset) and UTF-16', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect((await load(Buffer.concat([bom, Buffer.from(VALID)]))).result.issues).toEqual([]);

    const at = VALID.indexOf('hosts:\n');
    const stray = Buffer.concat([Buffer.from(VALID.slice(0, at)), bom, Buffer.from(VALID.slice(at))]);
    const { result } = await load(stray);
    expect(result.issues).toEqual([
      expect.objectContaining({
        line: 6,
        column: 1,
        message: `a stray byte order mark (U+FEFF, an invisible character) at byte offset ${at}; delete it`,
      }),
    ]);
    // Two at the start: the second is stray too.
    expect((await load(Buffer.concat([bom, bom, Buffer.from(VALID)]))).result.issues[0]?.message).toMatch(
      /stray byte order mark .* at byte offset 3;/,
    );

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID, 'utf16le')]);
    expect((await load(utf16)).result.issues[0]).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringMatching(/UTF-16/),
    });
  });

  it('refuses a __proto__ key where it is, instead of dropping it', () => {
    const text = VALID.replace('  web-1: { ssh: web-1 }', '  web-1: { ssh: web-1 }\n  __proto__: { ssh: evil }');
    const result = parseWorkspaceText(text, 'cockpit.yaml');
    expect(result.workspace).toBeNull();
    expect(result.issues).toEqual([
      expect.objectContaining({
        file: 'cockpit.yaml',
        line: 8,
        column: 3,
        path: 'hosts.__proto__',
        message: expect.stringMatching(/^the key "__proto__" is not allowed/),
      }),
    ]);
  });

  it('refuses quiet hours that are not clock times and durations no timer can wait', () => {
    const text = VALID.replace('22:00-07:00', '25:00-99:99').replace(
      'gateTimeout: 2m',
      'gateTimeout: 99999999999999999999d',
    );
    const issues = parseWorkspaceText(text, 'cockpit.yaml').issues;
    expect(issues).toEqual([
      expect.objectContaining({
        line: 10,
        path: 'services.api.deploy.gateTimeout',
        message: 'invalid value "99999999999999999999d"',
        expected: 'a duration of at most 1d',
      }),
      expect.objectContaining({
        line: 12,
        path: 'alerts.quietHours',
        message: 'invalid value "25:00-99:99"',
        expected: '"HH:MM-HH:MM" with times from 00:00 to 23:59, such as "22:00-07:00"',
      }),
    ]);
    const interval = VALID.replace(
      'gateTimeout: 2m',
      'gateTimeout: 2m }\n    health: [{ id: up, tcp: "a:1", every: 30d }]\n    x: {',
    );
    expect(parseWorkspaceText(interval, 'c.yaml').issues).toContainEqual(
      expect.objectContaining({ path: 'services.api.health.0.every', expected: 'a duration of at most 24d' }),
    );
  });

  it('refuses environment, host and service names every JavaScript object already has', () => {
    const text = VALID.replace('  staging:', '  constructor: {}\n  staging:')
      .replace('  web-1: { ssh: web-1 }', '  web-1: { ssh: web-1 }\n  toString: { ssh: x }')
      .replace('  api:', '  valueOf: {}\n  api:');
    const issues = parseWorkspaceText(text, 'cockpit.yaml').issues;
    expect(issues.map((i) => [i.line, i.path, i.message, i.expected])).toEqual([
      [
        4,
        'environments.constructor',
        'invalid name "constructor"',
        expect.stringMatching(/^a name other than constructor/),
      ],
      [9, 'hosts.toString', 'invalid name "toString"', expect.stringMatching(/^a name other than toString/)],
      [11, 'services.valueOf', 'invalid name "valueOf"', expect.stringMatching(/^a name other than valueOf/)],
    ]);
    // Referring to one is refused the same way, not taken for a defined environment.
    const reference = VALID.replace('  api:\n', '  api:\n    environments: [toString]\n');
    expect(parseWorkspaceText(reference, 'c.yaml').issues).toEqual([
      expect.objectContaining({ path: 'services.api.environments.0', message: 'invalid value "toString"' }),
    ]);
  });

  it('a loaded workspace answers only for its own names', () => {
    const text = VALID.replace('alerts:', '    health: [{ id: up, http: "https://${constructor}/" }]\nalerts:');
    // `${constructor}` is not a variable of any environment, whatever every object's constructor is.
    expect(parseWorkspaceText(text, 'c.yaml').issues).toEqual([
      expect.objectContaining({
        path: 'services.api.health.0.http',
        message:
          '${constructor} is not defined in the vars of environments staging, production (service api runs there)',
      }),
    ]);

    const workspace = parseWorkspaceText(VALID, 'c.yaml').workspace;
    expect(workspace).not.toBeNull();
    if (!workspace) return;
    for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      expect(workspace.environments[name]).toBeUndefined();
      expect(workspace.hosts[name]).toBeUndefined();
      expect(workspace.services[name]).toBeUndefined();
      expect(workspace.environments.staging?.vars[name]).toBeUndefined();
    }
    expect(deployTargets(workspace)).toEqual([
      { service: 'api', environment: 'staging' },
      { service: 'api', environment: 'production' },
    ]);
  });
});
