/**
 * `s3`: the copies are the objects under an S3 prefix, listed with ListObjectsV2 page by page. Credentials,
 * region and endpoint come the SDK's standard way: `profile` (the shared config files) or the default chain, and
 * the endpoint from AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, which the SDK reads itself. S3-compatible stores
 * reached through such an endpoint (MinIO, Ceph, a loopback double) are addressed path-style, which they all take.
 */
import { type ListObjectsV2CommandOutput, type S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { type BackupCopy } from '../../../shared/model/backups';
import { type BackupSourceConfig } from '../../../shared/workspace/backups';
import { LIST_TIMEOUT_MS, globToRegExp, newestFirst } from './run';
import { type SourceContext, SourceError, type SourceKind } from './types';

export type S3Source = Extract<BackupSourceConfig, { s3: string }>;

export interface S3KindOptions {
  /** Keys per page (S3's maximum and default is 1000); tests make it small to force several pages. */
  pageSize?: number;
  /** Tests: the client for a source (default: one built from the source's profile and region). */
  clientFor?: (source: S3Source) => Pick<S3Client, 'send' | 'destroy'> | Promise<Pick<S3Client, 'send' | 'destroy'>>;
}

/**
 * The SDK is loaded on first use: it is large, and most workspaces have no S3 source, so every start of the app
 * and the CLI would pay for it (time and memory) for nothing.
 */
const sdk = () => import('@aws-sdk/client-s3');

/** `s3://bucket/some/prefix/` → bucket and prefix (the prefix may be empty). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const rest = url.replace(/^s3:\/\//, '');
  const slash = rest.indexOf('/');
  return slash === -1 ? { bucket: rest, prefix: '' } : { bucket: rest.slice(0, slash), prefix: rest.slice(slash + 1) };
}

/** The client for a source: its profile and region, or the SDK's standard chain for each. */
export async function defaultClient(source: S3Source): Promise<S3Client> {
  const { S3Client } = await sdk();
  const config: S3ClientConfig = {
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL),
  };
  if (source.profile) config.profile = source.profile;
  if (source.region) config.region = source.region;
  return new S3Client(config);
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') return error.name;
  return '';
}

/** What S3 (or the SDK) said, as a message that says what to do. */
export function explainS3Error(source: S3Source, error: unknown, doing: string): SourceError {
  const { bucket } = parseS3Url(source.s3);
  const name = errorName(error);
  const said = error instanceof Error ? error.message : String(error);
  const who = source.profile ? `profile ${source.profile}` : 'the default AWS credentials';
  if (name === 'AccessDenied' || name === 'AllAccessDisabled' || name === 'AccessDeniedException') {
    return new SourceError(
      `S3 denied ${doing} ${source.s3} to ${who}. Allow s3:ListBucket on bucket ${bucket} (and s3:GetObject for ` +
        'drills) for those credentials, or set `profile` to one that may.',
      { output: said },
    );
  }
  if (name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch' || name === 'ExpiredToken') {
    return new SourceError(
      `S3 refused the credentials of ${who} while ${doing} ${source.s3} (${name}). Renew or fix them ` +
        '(aws configure, or aws sso login), then verify again.',
      { output: said },
    );
  }
  if (name === 'NoSuchBucket') {
    return new SourceError(
      `The bucket ${bucket} does not exist${source.region ? ` in ${source.region}` : ''}. Check \`s3\` in cockpit.yaml.`,
      { output: said },
    );
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(said)) {
    return new SourceError(
      `No AWS credentials found for ${source.s3}${source.profile ? ` (profile ${source.profile})` : ''}. Set ` +
        '`profile` to a profile in ~/.aws/config, or provide credentials the standard way (environment, SSO).',
      { output: said },
    );
  }
  if (/Region is missing/i.test(said)) {
    return new SourceError(
      `No AWS region for ${source.s3}: set \`region\` on the source, or AWS_REGION, or a region in the profile.`,
      { output: said },
    );
  }
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new SourceError(`${capitalized(doing)} ${source.s3} was stopped: cancelled, or no answer within 60 s.`, {
      output: said,
    });
  }
  return new SourceError(`Could not finish ${doing} ${source.s3}: ${said}`, { output: said });
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function abortSignal(ctx: SourceContext): AbortSignal {
  const timeout = AbortSignal.timeout(LIST_TIMEOUT_MS);
  return ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
}

export function createS3Kind(
  options: S3KindOptions = {},
): SourceKind<S3Source> & Required<Pick<SourceKind<S3Source>, 'checksum' | 'commandEnv'>> {
  const clientFor = async (source: S3Source) => (options.clientFor ? options.clientFor(source) : defaultClient(source));
  return {
    kind: 's3',
    accepts: (source): source is S3Source => 's3' in source,
    // The SDK talks to S3 from this machine.
    hostOf: () => undefined,
    listProves: {
      proves: 'the prefix holds these matching objects, with the sizes and upload times S3 reports',
      doesNotProve: 'that any object is complete, readable or restorable',
    },

    async list(source, ctx) {
      const { bucket, prefix } = parseS3Url(source.s3);
      const match = source.match ? globToRegExp(source.match) : null;
      const [client, { ListObjectsV2Command }] = await Promise.all([clientFor(source), sdk()]);
      const signal = abortSignal(ctx);
      const copies: BackupCopy[] = [];
      try {
        let token: string | undefined;
        do {
          const page: ListObjectsV2CommandOutput = await client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Prefix: prefix || undefined,
              ContinuationToken: token,
              MaxKeys: options.pageSize,
            }),
            { abortSignal: signal },
          );
          for (const object of page.Contents ?? []) {
            const key = object.Key;
            if (!key || key.endsWith('/')) continue;
            const name = key.slice(key.lastIndexOf('/') + 1);
            if (match && !match.test(name)) continue;
            copies.push({
              id: key.slice(prefix.length).replace(/^\//, '') || key,
              time: (object.LastModified ?? new Date(0)).toISOString(),
              size: object.Size ?? null,
              location: `s3://${bucket}/${key}`,
            });
          }
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
      } catch (error) {
        throw explainS3Error(source, error, 'listing');
      } finally {
        client.destroy();
      }
      return newestFirst(copies);
    },

    async checksum(source, copy, ctx) {
      const { bucket, key } = objectOf(copy.location);
      if (!bucket) return null;
      const [client, { HeadObjectCommand }] = await Promise.all([clientFor(source), sdk()]);
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), {
          abortSignal: abortSignal(ctx),
        });
        // The ETag is the object's MD5 only for a single-part upload; a multipart upload's is `md5-of-parts-N`.
        // Still the store's own content id: a changed object gets a new one.
        return head.ETag ? `etag:${head.ETag.replace(/"/g, '')}` : null;
      } catch (error) {
        throw explainS3Error(source, error, 'reading');
      } finally {
        client.destroy();
      }
    },

    async commandEnv(source) {
      const env: Record<string, string> = {};
      if (source.profile) env.AWS_PROFILE = source.profile;
      if (source.region) env.AWS_REGION = source.region;
      return env;
    },
  };
}

function objectOf(location: string): { bucket: string; key: string } {
  const { bucket, prefix } = parseS3Url(location);
  return { bucket, key: prefix };
}

export const s3Kind = createS3Kind();
