import { describe, expect, it } from 'vitest';
import { s3SourceSchema } from '../../../shared/workspace/backups';
import { createS3Kind, parseS3Url } from './s3';
import { scriptedContext } from './testing/fake';

const failingWith = (name: string, message = name) =>
  createS3Kind({
    clientFor: () => ({
      send: () => Promise.reject(Object.assign(new Error(message), { name })),
      destroy: () => undefined,
    }),
  });

const source = s3SourceSchema.parse({ s3: 's3://acme-backups/pg/', profile: 'backup-reader', region: 'eu-west-1' });

describe('the s3 source', () => {
  it('splits an s3 URL into bucket and prefix', () => {
    expect(parseS3Url('s3://acme/pg/orders/')).toEqual({ bucket: 'acme', prefix: 'pg/orders/' });
    expect(parseS3Url('s3://acme')).toEqual({ bucket: 'acme', prefix: '' });
  });

  it('says access was denied, to which profile, and what permission to grant', async () => {
    await expect(failingWith('AccessDenied').list(source, scriptedContext({}))).rejects.toThrow(
      'S3 denied listing s3://acme-backups/pg/ to profile backup-reader. Allow s3:ListBucket on bucket acme-backups',
    );
  });

  it('says no credentials were found', async () => {
    await expect(
      failingWith('CredentialsProviderError', 'Could not load credentials from any providers').list(
        source,
        scriptedContext({}),
      ),
    ).rejects.toThrow(/^No AWS credentials found for s3:\/\/acme-backups\/pg\/ \(profile backup-reader\)\. Set/);
  });

  it('gives a drill the profile and region', async () => {
    await expect(createS3Kind().commandEnv(source, scriptedContext({}))).resolves.toEqual({
      AWS_PROFILE: 'backup-reader',
      AWS_REGION: 'eu-west-1',
    });
  });
});
