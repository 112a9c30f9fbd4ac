/**
 * The promise that matters: no secret text reaches the journal file. Checked on the raw bytes of the database and
 * its write-ahead log, not through the journal's own API (which could hide a leak by redacting on the way out).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from './journal';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();

const secrets = {
  awsKeyId: 'AKIAQWERTYUIOPASDFGH',
  awsSecret: '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',
  password: 'Tr0ub4dor-and-3',
  slackPath: 'T0SECRET1/B0SECRET2/SlackHookSecretValue42',
  bearer: 'BearerSecretValue0123456789',
  urlPassword: 'UrlUserinfoSecret77',
  keyBody: 'UHJpdmF0ZUtleU1hdGVyaWFsVGhhdE11c3ROb3RMZWFr',
};

function rawBytes(file: string): string {
  return [file, `${file}-wal`]
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

describe('secrets never reach the journal file', () => {
  it('redacts titles, targets, steps, output, results and data before writing', () => {
    const file = join(tempDir(), 'journal.db');
    const journal = openJournal({ file });
    const action = journal.begin({
      kind: 'backup.verify',
      title: `Verify s3://backups with ${secrets.awsKeyId}`,
      target: `postgres://app:${secrets.urlPassword}@db.internal/orders`,
      data: { password: secrets.password, env: { AWS_SECRET_ACCESS_KEY: secrets.awsSecret } },
    });
    action.step(`notify https://hooks.slack.com/services/${secrets.slackPath}`);
    action.output(`curl -H "Authorization: Bearer ${secrets.bearer}"\n`);
    action.output(`-----BEGIN RSA PRIVATE KEY-----\n${secrets.keyBody}`);
    action.output(`${secrets.keyBody}\n-----END RSA PRIVATE KEY-----\n`);
    action.output(`${'noise '.repeat(40_000)}\nPGPASSWORD=${secrets.password} psql\n`);
    action.fail(`psql failed with password=${secrets.password}`, {
      headers: { authorization: `Bearer ${secrets.bearer}` },
    });

    // While open (the rows are in the WAL) and after close (checkpointed into the main file).
    const whileOpen = rawBytes(file);
    journal.close();
    const afterClose = rawBytes(file);
    for (const bytes of [whileOpen, afterClose]) {
      expect(bytes).toContain('[redacted');
      for (const [name, secret] of Object.entries(secrets)) {
        expect(bytes.includes(secret), `${name} leaked into the journal file`).toBe(false);
      }
    }
  });

  it('hides a private key whose body arrives in a chunk of its own, with no BEGIN or END in it', () => {
    const file = join(tempDir(), 'journal.db');
    const journal = openJournal({ file });
    const action = journal.begin({ kind: 'deploy.run', title: 'Deploy api' });
    // How `cat key` reaches the journal when the transport cuts its output at line ends.
    action.output('$ cat deploy_key\n-----BEGIN OPENSSH PRIVATE KEY-----\n');
    action.output(`${secrets.keyBody}\n`);
    action.output(`${secrets.keyBody.split('').reverse().join('')}\n`);
    action.output('-----END OPENSSH PRIVATE KEY-----\nexit 0\n');
    action.succeed('done');
    const stored = (journal.get(action.id)?.entries ?? []).map((entry) => entry.message).join('');
    const whileOpen = rawBytes(file);
    journal.close();
    for (const bytes of [whileOpen, rawBytes(file)]) {
      expect(bytes.includes(secrets.keyBody)).toBe(false);
      expect(bytes.includes(secrets.keyBody.split('').reverse().join(''))).toBe(false);
    }
    expect(stored).toContain('$ cat deploy_key');
    expect(stored).toContain('exit 0');
  });
});
