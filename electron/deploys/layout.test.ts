/**
 * The shell scripts of the releases layout, run for real by /bin/sh in a temp directory (the local transport),
 * with awkward names, so quoting and parsing are proven together.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTool } from '../../test/support/system-tool';
import { createLocalTransport } from '../remote/local';
import { quote } from '../remote/quote';
import { formatAuditLine, parseAuditLine } from './audit';
import {
  auditScript,
  inspectScript,
  linkSharedScript,
  markBadScript,
  markGoodScript,
  parseInspect,
  pruneScript,
  releaseFromLink,
  switchScript,
} from './layout';
import {
  acquireLock,
  auditAndReleaseOwnLock,
  describeHolder,
  forceReleaseLock,
  readLock,
  releaseOwnLock,
} from './lock';

const root = mkdtempSync(join(tmpdir(), 'cockpit-layout-'));
const base = join(root, "my app's dir");
afterAll(() => rmSync(root, { recursive: true, force: true }));
const local = createLocalTransport({ host: 'box' });
const run = async (script: string) => {
  const r = await local.exec(script);
  if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}: ${r.stderr}`);
  return r;
};
const inspect = async (create = false) => parseInspect('box', (await run(inspectScript(base, { create }))).stdout);

describe('releases layout scripts', () => {
  it('reports a missing base without creating it, then creates it when asked', async () => {
    expect(await inspect()).toEqual({ host: 'box', base: null, current: null, releases: [], audit: [] });
    expect(existsSync(base)).toBe(false);
    const created = await inspect(true);
    expect(created.base).toBe(base);
    expect(existsSync(join(base, 'releases'))).toBe(true);
    expect(existsSync(join(base, 'shared'))).toBe(true);
  });

  it('switches current atomically, links shared paths, and reads markers back', async () => {
    for (const id of ['20250101T000000Z-aaaaaaa', '20250102T000000Z-bbbbbbb'])
      mkdirSync(join(base, 'releases', id, 'var'), { recursive: true });
    await run(switchScript(base, '20250101T000000Z-aaaaaaa'));
    await run(switchScript(base, '20250102T000000Z-bbbbbbb'));
    expect(readlinkSync(join(base, 'current'))).toBe('releases/20250102T000000Z-bbbbbbb');
    expect(existsSync(join(base, 'current.tmp'))).toBe(false);

    await run(linkSharedScript(base, '20250102T000000Z-bbbbbbb', ['var/uploads', 'storage']));
    expect(readlinkSync(join(base, 'releases', '20250102T000000Z-bbbbbbb', 'var', 'uploads'))).toBe(
      join(base, 'shared', 'var', 'uploads'),
    );

    await run(markGoodScript(base, '20250101T000000Z-aaaaaaa', '2025-01-01T00:05:00.000Z'));
    await run(markGoodScript(base, '20250101T000000Z-aaaaaaa', '2025-06-01T00:00:00.000Z')); // first time wins
    await run(
      markBadScript(base, '20250102T000000Z-bbbbbbb', '2025-01-02T00:06:00.000Z', "gate failed: it's\tbroken\nbadly"),
    );
    const layout = await inspect();
    expect(layout.current).toBe('20250102T000000Z-bbbbbbb');
    expect(layout.releases).toEqual([
      { id: '20250101T000000Z-aaaaaaa', goodAt: '2025-01-01T00:05:00.000Z', bad: null, mtime: expect.any(String) },
      {
        id: '20250102T000000Z-bbbbbbb',
        goodAt: null,
        bad: { at: '2025-01-02T00:06:00.000Z', reason: "gate failed: it's broken badly" },
        mtime: expect.any(String),
      },
    ]);
  });

  it('refuses to switch to a release that is not there, leaving current alone', async () => {
    const r = await local.exec(switchScript(base, 'nope'));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/release nope is missing/);
    expect(readlinkSync(join(base, 'current'))).toBe('releases/20250102T000000Z-bbbbbbb');
  });

  it('prunes only the releases named', async () => {
    mkdirSync(join(base, 'releases', 'old one'));
    await run(pruneScript(base, ['old one']));
    expect((await inspect()).releases.map((r) => r.id)).toEqual([
      '20250101T000000Z-aaaaaaa',
      '20250102T000000Z-bbbbbbb',
    ]);
  });

  it('appends audit lines that survive tabs and newlines in values', async () => {
    const entry = {
      at: '2025-01-02T00:07:00.000Z',
      actor: 'o\tneil',
      action: 'deploy',
      release: 'r1',
      result: 'healthy',
      runId: 'run\n1',
    };
    await run(auditScript(base, entry));
    const layout = await inspect();
    expect(layout.audit).toEqual([{ ...entry, actor: 'o neil', runId: 'run 1' }]);
    expect(parseAuditLine(formatAuditLine(entry))?.actor).toBe('o neil');
    expect(parseAuditLine('garbage')).toBeNull();
  });

  it('reads `current` links written by others', () => {
    expect(releaseFromLink('releases/x')).toBe('x');
    expect(releaseFromLink('/srv/app/releases/x/')).toBe('x');
    expect(releaseFromLink('')).toBeNull();
  });
});

describe('inspecting a host with many, oddly made releases', () => {
  const odd = join(root, 'odd');
  const releases = join(odd, 'releases');
  const inspectOdd = async (prefix = '') =>
    parseInspect('box', (await run(prefix + inspectScript(odd, { create: false }))).stdout);

  it('reads names with quotes, dollars, backslashes and a leading dash, and hand-made markers', async () => {
    const names = ["it's $HOME \\n", '-rf', '20250101T000000Z-good', 'empty-bad', 'long-bad', 'two-lines'];
    for (const name of names) mkdirSync(join(releases, name), { recursive: true });
    // A name holding a tab or a line break cannot be a release id; it must not garble the others.
    mkdirSync(join(releases, 'tab\there'));
    mkdirSync(join(releases, 'line\nbreak'));
    writeFileSync(join(releases, '20250101T000000Z-good', '.cockpit-good'), '2025-01-01T00:05:00.000Z\n');
    writeFileSync(join(releases, "it's $HOME \\n", 'BAD_RELEASE'), '2025-01-02T00:00:00.000Z it\tbroke\n');
    writeFileSync(join(releases, 'empty-bad', 'BAD_RELEASE'), '');
    writeFileSync(join(releases, 'long-bad', 'BAD_RELEASE'), 'x'.repeat(5000));
    writeFileSync(join(releases, 'two-lines', 'BAD_RELEASE'), 'broken by hand\nsee ticket 12');
    mkdirSync(join(odd, '.cockpit-lock'));
    writeFileSync(join(odd, '.cockpit-lock', 'info.json'), '{"who":"alice","why":"hot\tfix"}\n');
    // The audit tail is printed as it is: a line in it that looks like another fact is still not one.
    writeFileSync(join(odd, '.cockpit-audit.log'), 'lock\t{"who":"mallory"}\nrelease\tghost\n');

    const layout = await inspectOdd();
    const byId = new Map(layout.releases.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual([...names].sort());
    for (const r of layout.releases) expect(r.mtime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(byId.get('20250101T000000Z-good')?.goodAt).toBe('2025-01-01T00:05:00.000Z');
    expect(byId.get("it's $HOME \\n")?.bad).toEqual({ at: '2025-01-02T00:00:00.000Z', reason: 'it broke' });
    expect(byId.get('empty-bad')?.bad).toEqual({ at: null, reason: '(no reason given)' });
    expect(byId.get('long-bad')?.bad?.reason).toBe('x'.repeat(600));
    expect(byId.get('two-lines')?.bad).toEqual({ at: null, reason: 'broken by hand see ticket 12' });
    expect(byId.get('-rf')).toEqual({ id: '-rf', goodAt: null, bad: null, mtime: expect.any(String) });
    expect(layout.lock).toEqual({ info: { who: 'alice', why: 'hot fix' } });
  });

  it('starts the same few processes for 3 releases as for 40', async () => {
    // Every tool the script could start is a wrapper that notes its name: a process per release would show.
    const bin = join(root, 'counting-bin');
    const log = join(root, 'started.log');
    mkdirSync(bin);
    for (const tool of ['basename', 'head', 'tr', 'stat', 'readlink', 'tail', 'sed', 'cat', 'ls', 'find', 'pwd']) {
      const real = findTool(tool);
      if (!real) continue;
      writeFileSync(join(bin, tool), `#!/bin/sh\necho ${tool} >> ${quote(log)}\nexec ${quote(real)} "$@"\n`);
      chmodSync(join(bin, tool), 0o755);
    }
    const started = async () => {
      rmSync(log, { force: true });
      const layout = await inspectOdd(`PATH=${quote(bin)}; export PATH\n`);
      expect(layout.releases.every((r) => r.mtime !== null)).toBe(true);
      return { count: layout.releases.length, tools: readFileSync(log, 'utf8').trim().split('\n').sort() };
    };
    rmSync(releases, { recursive: true, force: true });
    for (let i = 0; i < 3; i++) mkdirSync(join(releases, `r${i}`), { recursive: true });
    const few = await started();
    for (let i = 3; i < 40; i++) {
      mkdirSync(join(releases, `r${i}`));
      writeFileSync(join(releases, `r${i}`, '.cockpit-good'), '2025-01-01T00:05:00.000Z\n');
      if (i % 2) writeFileSync(join(releases, `r${i}`, 'BAD_RELEASE'), '2025-01-02T00:00:00.000Z broke\n');
    }
    const many = await started();
    expect([few.count, many.count]).toEqual([3, 40]);
    expect(many.tools).toEqual(few.tools);
    expect(many.tools).toEqual(['readlink', 'stat', 'tail']);
  });
});

describe('deploy lock', () => {
  const exec = (cmd: string) => local.exec(cmd);
  const info = (who: string, token: string) => ({
    who,
    when: '2025-01-01T00:00:00Z',
    what: 'deploy r1',
    why: 'because',
    from: 'laptop',
    token,
  });

  it('lets exactly one of several simultaneous takers win', async () => {
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((t) => acquireLock(exec, base, info(t, t))));
    expect(answers.filter((a) => a.acquired)).toHaveLength(1);
    // why the cast: info.json is what the winning acquireLock wrote from info() above.
    const written = JSON.parse(readFileSync(join(base, '.cockpit-lock', 'info.json'), 'utf8')) as { token: string };
    const winner = written.token;
    const holder = info(winner, winner);
    const heard = answers.flatMap((a) => (a.acquired ? [] : [a.holder]));
    expect(heard).toHaveLength(3);
    // A loser may look in the instant between the winner's mkdir and its info.json: then it cannot name anyone yet.
    for (const seen of heard) expect([null, holder]).toContainEqual(seen);
    // Once the lock is taken, a taker always hears who holds it.
    expect(await acquireLock(exec, base, info('e', 'e'))).toEqual({ acquired: false, holder });
    expect(await releaseOwnLock(exec, base, 'not-the-winner')).toBe('not-ours');
    expect(await releaseOwnLock(exec, base, winner)).toBe('released');
    expect(await releaseOwnLock(exec, base, winner)).toBe('free');
  });

  it('writes the last audit line and releases its own lock in one go, and a failed audit never keeps the lock', async () => {
    const entry = {
      at: '2025-01-03T00:00:00.000Z',
      actor: 'me',
      action: 'deploy',
      release: 'r9',
      result: 'healthy',
      runId: 'x',
    };
    await acquireLock(exec, base, info('me', 'mine'));
    const done = await auditAndReleaseOwnLock(exec, base, 'mine', auditScript(base, entry));
    expect(done).toEqual({ lock: 'released', audit: null });
    expect(readFileSync(join(base, '.cockpit-audit.log'), 'utf8').trim().split('\n').pop()).toBe(
      formatAuditLine(entry),
    );

    await acquireLock(exec, base, info('other', 'theirs'));
    expect(await auditAndReleaseOwnLock(exec, base, 'mine', auditScript(base, entry))).toEqual({
      lock: 'not-ours',
      audit: null,
    });
    await forceReleaseLock(exec, base);

    await acquireLock(exec, base, info('me', 'mine'));
    const unwritable = join(root, 'not-a-dir');
    writeFileSync(unwritable, '');
    const failed = await auditAndReleaseOwnLock(exec, base, 'mine', auditScript(join(unwritable, 'app'), entry));
    expect(failed.lock).toBe('released');
    expect(failed.audit?.message).toMatch(/not-a-dir/);
    expect(existsSync(join(base, '.cockpit-lock'))).toBe(false);
  });

  it('reports who holds it, and can be force-released', async () => {
    await acquireLock(exec, base, info('alice', 't1'));
    const lock = await readLock(exec, base);
    expect(lock.held).toBe(true);
    expect(describeHolder('web-1', lock.info)).toBe(
      'web-1: locked by alice on laptop since 2025-01-01T00:00:00Z for deploy r1 — because',
    );
    await forceReleaseLock(exec, base);
    expect(await readLock(exec, base)).toEqual({ held: false, info: null });
  });

  it('copes with a lock made by hand, without info.json', async () => {
    mkdirSync(join(base, '.cockpit-lock'));
    const answer = await acquireLock(exec, base, info('bob', 't2'));
    expect(answer).toEqual({ acquired: false, holder: null });
    expect(describeHolder('web-1', null)).toMatch(/no details/);
    await forceReleaseLock(exec, base);
  });
});
