import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resticSourceSchema } from '../../../shared/workspace/backups';
import { type ResticRepo, createResticRepo, deletePack, flipPackBytes } from '../../../test/support/restic';
import { hasTools } from '../../../test/support/system-tool';
import { resticKind } from './restic';
import { at, testSourceContext } from './testing/context';
import { SourceError } from './types';

/** A real restic 0.14 repository: three snapshots, two of them tagged `pgdump`. */
describe.skipIf(!hasTools('restic'))('the restic source against a real repository', () => {
  let repo: ResticRepo;
  let ids: string[];
  const damaged: ResticRepo[] = [];

  beforeAll(() => {
    repo = createResticRepo();
    ids = [
      repo.backupStdin('orders.dump', randomBytes(200_000), ['pgdump']),
      repo.backupFiles({ 'config.yaml': 'a: 1\n' }, ['files']),
      repo.backupStdin('orders.dump', randomBytes(300_000), ['pgdump', 'nightly']),
    ];
  }, 60_000);
  afterAll(() => {
    repo?.remove();
    for (const r of damaged) r.remove();
  });

  // The cache stays in the test's temp dir; the password arrives as a secret, through the environment only.
  const context = (secret: string, r: ResticRepo = repo) =>
    testSourceContext({
      secrets: { 'env:RESTIC_TEST_PASSWORD': secret },
      localEnv: { RESTIC_CACHE_DIR: r.env.RESTIC_CACHE_DIR, TMPDIR: r.env.TMPDIR },
    });
  const sourceFor = (r: ResticRepo, extra: Record<string, string> = {}) =>
    resticSourceSchema.parse({ restic: r.repo, password: 'env:RESTIC_TEST_PASSWORD', ...extra });

  it('lists the snapshots newest first, only those with the tag, with the full id as location', async () => {
    const all = await resticKind.list(sourceFor(repo), context(repo.password));
    expect(all.map((c) => c.id)).toEqual([...ids].reverse());
    expect(all[0]).toMatchObject({ size: null, note: expect.stringContaining('tags: pgdump, nightly') });
    expect(at(all, 0).location).toMatch(new RegExp(`^${ids[2]}[0-9a-f]{56}$`));
    expect(Date.parse(at(all, 2).time)).toBeLessThanOrEqual(Date.parse(at(all, 0).time));

    const tagged = await resticKind.list(sourceFor(repo, { tag: 'pgdump' }), context(repo.password));
    expect(tagged.map((c) => c.id)).toEqual([ids[2], ids[0]]);
  });

  it('reads the password from a password file path too', async () => {
    const source = resticSourceSchema.parse({ restic: repo.repo, password: repo.passwordFile });
    const ctx = context('unused');
    await expect(resticKind.list(source, ctx)).resolves.toHaveLength(3);
    expect(at(ctx.execs, 0).env).toMatchObject({ RESTIC_PASSWORD_FILE: repo.passwordFile });
  });

  it('says the password is wrong, and the password is never in a command or a message', async () => {
    const ctx = context('not-the-password');
    const error = await resticKind.list(sourceFor(repo), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    const message = (error as SourceError).message;
    expect(message).toBe(
      `restic could not open ${repo.repo} on this machine: the password from env:RESTIC_TEST_PASSWORD is wrong. ` +
        "Set it to the repository's password.",
    );
    const written = [message, JSON.stringify((error as SourceError).details), ...ctx.execs.map((e) => e.command)];
    for (const text of written) {
      expect(text).not.toContain('not-the-password');
      expect(text).not.toContain(repo.password);
    }
    expect(at(ctx.execs, 0).env.RESTIC_PASSWORD).toBe('not-the-password');
  });

  it('says there is no repository where the source points', async () => {
    const source = resticSourceSchema.parse({ restic: `${repo.repo}-gone`, password: 'env:RESTIC_TEST_PASSWORD' });
    await expect(resticKind.list(source, context(repo.password))).rejects.toThrow(
      `There is no restic repository at ${repo.repo}-gone on this machine.`,
    );
  });

  it('passes restic check on the good repository, saying what it proves', async () => {
    const plain = await resticKind.nativeCheck(sourceFor(repo), context(repo.password));
    expect(plain).toMatchObject({ kind: 'native', status: 'ok', exitCode: 0, command: 'restic check' });
    expect(plain.summary).toBe('restic check found no errors (structure only; no data read)');
    expect(plain.doesNotProve).toMatch(/data inside the packs/);
    const subset = await resticKind.nativeCheck(sourceFor(repo, { readDataSubset: '1/1' }), context(repo.password));
    expect(subset).toMatchObject({ status: 'ok', command: 'restic check --read-data-subset=1/1' });
    expect(subset.proves).toMatch(/1\/1 share of the data packs was read/);
  }, 60_000);

  it('catches flipped bytes in a pack only when data is read', async () => {
    const copy = repo.copy();
    damaged.push(copy);
    flipPackBytes(copy);
    const source = sourceFor(copy);
    const plain = await resticKind.nativeCheck(source, context(copy.password, copy));
    expect(plain.status).toBe('ok');
    const read = await resticKind.nativeCheck(sourceFor(copy, { readDataSubset: '1/1' }), context(copy.password, copy));
    expect(read).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(read.summary).toMatch(/^restic check found errors in .*: .*does not match/);
    expect(read.output).toContain('Fatal: repository contains errors');
  }, 60_000);

  it('catches a deleted pack with a plain check', async () => {
    const copy = repo.copy();
    damaged.push(copy);
    deletePack(copy);
    const plain = await resticKind.nativeCheck(sourceFor(copy), context(copy.password, copy));
    expect(plain).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(plain.summary).toMatch(/does not exist/);
  }, 60_000);

  it('gives a drill the repository and the password as environment', async () => {
    await expect(resticKind.commandEnv(sourceFor(repo), context(repo.password))).resolves.toEqual({
      RESTIC_REPOSITORY: repo.repo,
      RESTIC_PASSWORD: repo.password,
    });
  });
});
