import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { s3SourceSchema } from '../../../shared/workspace/backups';
import { type S3rver, startS3rver } from '../../../test/support/s3rver';
import { createS3Kind, defaultClient, s3Kind } from './s3';
import { at, testSourceContext } from './testing/context';
import { SourceError } from './types';

/** The S3 source against s3rver on loopback, reached the standard way: AWS_ENDPOINT_URL_S3 in the environment. */
describe('the s3 source against a loopback S3', () => {
  let s3: S3rver;

  beforeAll(async () => {
    s3 = await startS3rver({ buckets: ['backups'] });
    const uploads: Promise<void>[] = [];
    for (let i = 1; i <= 25; i++) {
      const n = String(i).padStart(2, '0');
      uploads.push(s3.put('backups', `pg/orders/orders-${n}.dump`, 'x'.repeat(100 * i)));
    }
    uploads.push(s3.put('backups', 'pg/orders/README.txt', 'about these dumps'));
    uploads.push(s3.put('backups', 'pg/other/orders-99.dump', 'not under the prefix'));
    await Promise.all(uploads);
  }, 30_000);
  afterAll(async () => {
    await s3?.stop();
  });
  // The SDK reads the endpoint, credentials and region from the environment, as it would on a user's machine.
  const useEnv = (overrides: Record<string, string> = {}) => {
    for (const [name, value] of Object.entries({ ...s3.env, ...overrides })) vi.stubEnv(name, value);
  };
  afterAll(() => vi.unstubAllEnvs());

  it('lists every matching object under the prefix across several pages, with sizes and times', async () => {
    useEnv();
    let pages = 0;
    const kind = createS3Kind({
      pageSize: 10,
      clientFor: async (source) => {
        const client = await defaultClient(source);
        return {
          send: ((...args: Parameters<typeof client.send>) => {
            pages++;
            return client.send(...args);
          }) as typeof client.send,
          destroy: () => client.destroy(),
        };
      },
    });
    const source = s3SourceSchema.parse({ s3: 's3://backups/pg/orders/', match: 'orders-*.dump' });
    const copies = await kind.list(source, testSourceContext());
    expect(pages).toBe(3);
    expect(copies).toHaveLength(25);
    expect(new Set(copies.map((c) => c.id)).size).toBe(25);
    expect(copies.find((c) => c.id === 'orders-07.dump')).toMatchObject({
      size: 700,
      location: 's3://backups/pg/orders/orders-07.dump',
    });
    for (const copy of copies) expect(Math.abs(Date.parse(copy.time) - Date.now())).toBeLessThan(3_600_000);
  });

  it('lists everything under the prefix without a pattern, and gives the ETag as checksum', async () => {
    useEnv();
    const source = s3SourceSchema.parse({ s3: 's3://backups/pg/orders/' });
    const copies = await s3Kind.list(source, testSourceContext());
    expect(copies).toHaveLength(26);
    const readme = at(
      copies.filter((c) => c.id === 'README.txt'),
      0,
    );
    const md5 = createHash('md5').update('about these dumps').digest('hex');
    await expect(s3Kind.checksum(source, readme, testSourceContext())).resolves.toBe(`etag:${md5}`);
  });

  it('says the bucket does not exist', async () => {
    useEnv();
    const source = s3SourceSchema.parse({ s3: 's3://no-such-bucket/pg/' });
    await expect(s3Kind.list(source, testSourceContext())).rejects.toThrow(
      'The bucket no-such-bucket does not exist. Check `s3` in cockpit.yaml.',
    );
  });

  it('says S3 refused the credentials', async () => {
    useEnv({ AWS_ACCESS_KEY_ID: 'NOT-A-KEY' });
    const source = s3SourceSchema.parse({ s3: 's3://backups/pg/' });
    const error = await s3Kind.list(source, testSourceContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).message).toMatch(
      /^S3 refused the credentials of the default AWS credentials while listing s3:\/\/backups\/pg\/ \(InvalidAccessKeyId\)\./,
    );
  });
});
