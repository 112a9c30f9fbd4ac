/**
 * DESIGN §8: secrets never reach the journal, the renderer or logs. Here the real step runner, the real SQLite
 * journal and the run registry (what `deploys.run` events and `deploys.runLog` are made of) carry output in which a
 * secret is cut in two at every possible place, as the network or a pipe may cut it. The live text and the journal
 * are checked joined up, so a secret shown in two halves counts as shown.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunEvent } from '../../shared/model/deploys';
import { openJournal } from '../journal/journal';
import { redactText } from '../journal/redact';
import { useTempDir } from '../journal/test-support/temp-dir';
import { type ExecOptions, type ExecResult, type Transport } from '../remote/types';
import { createStepRunner } from '../runbooks/runner';
import { type Step, StepFailure } from '../runbooks/types';
import { RunRegistry } from './runs';

const tempDir = useTempDir('cockpit-output-redaction-');

const pemBody = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMw';

/** [what, the output line, the secret in it]. */
const SECRET_LINES: Array<[string, string, string]> = [
  ['an AWS access key id', 'export AWS_ACCESS_KEY_ID=AKIAQWERTYUIOPASDFGH', 'AKIAQWERTYUIOPASDFGH'],
  ['an AWS key id glued to a word', 'loaded MYAPP_AKIAZXCVBNMASDFGHJKL from env', 'AKIAZXCVBNMASDFGHJKL'],
  [
    'an AWS secret key by its name',
    'AWS_SECRET_ACCESS_KEY=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 aws s3 ls',
    'Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1JkLzXcVbNmQwE',
  ],
  [
    'an AWS secret key in a credentials file',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ],
  ['a URL password', 'connecting to postgres://app:UrlUserinfoSecret77@db.internal:5432/orders', 'UrlUserinfoSecret77'],
  ['a URL password with no user', 'redis-cli -u redis://:RedisUrlPass99@cache:6379 ping', 'RedisUrlPass99'],
  ['mysql -pPASSWORD', 'mysql -u root -pMysqlGluedPass1 orders', 'MysqlGluedPass1'],
  ['--password=', 'mysqldump --password=MysqlLongFlag2 orders', 'MysqlLongFlag2'],
  ['PGPASSWORD', 'PGPASSWORD=PgEnvSecret33 psql -h db orders', 'PgEnvSecret33'],
  ['a libpq connection string', 'psql "host=db user=app password=PsqlConnStr44 dbname=orders"', 'PsqlConnStr44'],
  ['curl -u user:password', 'curl -fsS -u deploy:CurlBasicPass55 https://api.example/hook', 'CurlBasicPass55'],
  ['redis-cli -a', 'redis-cli -h cache -a RedisCliPass66 ping', 'RedisCliPass66'],
  ['sshpass -p', 'sshpass -p SshpassSecret77 ssh deploy@web-1', 'SshpassSecret77'],
  [
    'an Authorization header',
    'curl -H "Authorization: Bearer BearerSecretValue0123456789" https://api',
    'BearerSecretValue0123456789',
  ],
  ['a bare bearer token', 'token accepted: Bearer AnotherBearer9876543210xyz', 'AnotherBearer9876543210xyz'],
  [
    'a Slack bot token',
    'using MY_SLACK_xoxb-123456789012-SlackBotSecretAbc now',
    'xoxb-123456789012-SlackBotSecretAbc',
  ],
  [
    'a Slack webhook',
    'notify https://hooks.slack.com/services/T0SECRET1/B0SECRET2/SlackHookSecretValue42',
    'T0SECRET1/B0SECRET2/SlackHookSecretValue42',
  ],
  [
    'a GitHub token',
    'git clone https://ghp_GithubSecret0123456789abcdefghijKLM@github.com/acme/api',
    'ghp_GithubSecret0123456789abcdefghijKLM',
  ],
  [
    'a fine-grained GitHub token',
    'GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
    'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
  ],
  [
    'a JSON Web Token',
    'id token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXBsb3kifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXBsb3kifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  ],
  ['a token flag', 'gh api --token GhFlagToken112233 /user', 'GhFlagToken112233'],
  ['a password in JSON', '{"user":"app","password":"JsonPassword445566"}', 'JsonPassword445566'],
  ['a PEM private key', `-----BEGIN OPENSSH PRIVATE KEY-----\n${pemBody}\n-----END OPENSSH PRIVATE KEY-----`, pemBody],
];

/** A transport whose command prints the given chunks, a tick apart (as separate network packets arrive). */
function scripted(chunks: string[], stream: 'stdout' | 'stderr' = 'stdout', exitCode = 0): Transport {
  return {
    host: 'web-1',
    async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
      for (const chunk of chunks) {
        options.onOutput?.(chunk, stream);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const all = chunks.join('');
      return {
        host: 'web-1',
        command,
        exitCode,
        signal: null,
        stdout: stream === 'stdout' ? all : '',
        stderr: stream === 'stderr' ? all : '',
        durationMs: 1,
        timedOut: false,
        cancelled: false,
      };
    },
    upload: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

const step: Step = { kind: 'run', id: 'deploy', title: 'Deploy', command: './bin/deploy' };

/** Runs one step printing `chunks` through the runner into `journal`, with a registry as the windows see it. */
async function runOnce(
  journal: ReturnType<typeof openJournal>,
  chunks: string[],
  options: { exitCode?: number; stream?: 'stdout' | 'stderr' } = {},
) {
  const live: RunEvent[] = [];
  const registry = new RunRegistry({ emit: (event) => live.push(event), changed: () => {}, batch: { intervalMs: 5 } });
  const handle = journal.begin({ kind: 'deploy.run', title: 'Deploy api' });
  registry.onEvent({ type: 'run.started', runId: handle.id, kind: 'deploy', title: 'Deploy api', hosts: [], at: '' });
  const runner = createStepRunner({
    runId: handle.id,
    journal: handle,
    emit: (event) => registry.onEvent(event),
    transports: () => scripted(chunks, options.stream, options.exitCode),
  });
  const outcome = await runner.run(step, 'web-1').catch((error: unknown) => {
    if (error instanceof StepFailure) return error;
    throw error;
  });
  registry.onEvent({
    type: 'run.ended',
    runId: handle.id,
    status: outcome instanceof StepFailure ? 'failed' : 'succeeded',
    summary: outcome instanceof StepFailure ? outcome.message : 'ok',
    outcome: null,
  });
  handle.succeed('done');
  const runLog = registry.log(handle.id).events;
  await registry.close(0);
  const outputOf = (events: RunEvent[]) => events.map((event) => (event.type === 'output' ? event.text : '')).join('');
  const entries = journal.get(handle.id)?.entries ?? [];
  return {
    liveOutput: outputOf(live),
    liveAll: JSON.stringify(live),
    runLogOutput: outputOf(runLog),
    runLogAll: JSON.stringify(runLog),
    journalOutput: entries
      .filter((entry) => entry.phase === 'output')
      .map((entry) => entry.message)
      .join(''),
  };
}

function rawBytes(file: string): string {
  return [file, `${file}-wal`]
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

const journals: Array<ReturnType<typeof openJournal>> = [];
afterAll(() => journals.forEach((journal) => journal.close()));

describe('a secret split across two output chunks at every offset', () => {
  it.each(SECRET_LINES)('%s never reaches the live events, runLog or the journal', async (_what, line, secret) => {
    const file = join(tempDir(), 'journal.db');
    const journal = openJournal({ file });
    journals.push(journal);
    const text = `${line}\nnext line\n`;
    // What a person must still see: everything, in order, with only the secret hidden.
    const expected = redactText(text);
    expect(expected).not.toContain(secret);
    for (let at = 1; at < text.length; at++) {
      const result = await runOnce(journal, [text.slice(0, at), text.slice(at)]);
      const where = `split at ${at}: ${JSON.stringify(text.slice(0, at))}`;
      expect(result.liveOutput, where).toBe(expected);
      expect(result.runLogOutput, where).toBe(expected);
      expect(result.journalOutput, where).toBe(expected);
      expect(result.liveAll.includes(secret), where).toBe(false);
      expect(result.runLogAll.includes(secret), where).toBe(false);
    }
    const bytes = rawBytes(file);
    journal.close();
    expect(bytes.includes(secret)).toBe(false);
    expect(rawBytes(file).includes(secret)).toBe(false);
  });
});

describe('live output around the redactor', () => {
  it('shows an unfinished line once the stream goes quiet, and hides a secret it completes later', async () => {
    const journal = openJournal({ file: join(tempDir(), 'journal.db') });
    journals.push(journal);
    const live: Array<{ at: number; text: string }> = [];
    const handle = journal.begin({ kind: 'deploy.run', title: 'Deploy api' });
    const started = Date.now();
    const runner = createStepRunner({
      runId: handle.id,
      journal: handle,
      emit: (event) => {
        if (event.type === 'output') live.push({ at: Date.now() - started, text: event.text });
      },
      outputHoldMs: 20,
      transports: () => ({
        ...scripted([]),
        async exec(command, options = {}) {
          options.onOutput?.('Enter the password: ', 'stdout');
          await new Promise((resolve) => setTimeout(resolve, 200));
          options.onOutput?.('Tr0ub4dor-and-3\ndone\n', 'stdout');
          return scripted([]).exec(command, options);
        },
      }),
    });
    await runner.run(step, 'web-1');
    // The prompt appeared long before the command went on: a held line is not held for long.
    expect(live[0]).toMatchObject({ text: 'Enter the password: ' });
    expect(live[0]?.at).toBeLessThan(150);
    expect(live.map((e) => e.text).join('')).toBe('Enter the password: [redacted]\ndone\n');
    expect(JSON.stringify(journal.get(handle.id))).not.toContain('Tr0ub4dor');
  });

  it('keeps stdout and stderr in the order they arrived', async () => {
    const journal = openJournal({ file: join(tempDir(), 'journal.db') });
    journals.push(journal);
    const live: string[] = [];
    const handle = journal.begin({ kind: 'deploy.run', title: 'Deploy api' });
    const runner = createStepRunner({
      runId: handle.id,
      journal: handle,
      emit: (event) => {
        if (event.type === 'output') live.push(`${event.stream}:${event.text}`);
      },
      transports: () => ({
        ...scripted([]),
        async exec(command, options = {}) {
          options.onOutput?.('building', 'stdout');
          options.onOutput?.('warning: old node\n', 'stderr');
          options.onOutput?.(' done\n', 'stdout');
          return scripted([]).exec(command, options);
        },
      }),
    });
    await runner.run(step, 'web-1');
    expect(live).toEqual(['stdout:building', 'stderr:warning: old node\n', 'stdout: done\n']);
  });

  it('hides a private key whose body arrives in a chunk of its own', async () => {
    const file = join(tempDir(), 'journal.db');
    const journal = openJournal({ file });
    journals.push(journal);
    const result = await runOnce(journal, [
      '$ cat deploy_key\n-----BEGIN OPENSSH PRIVATE KEY-----\n',
      `${pemBody}\n`,
      '-----END OPENSSH PRIVATE KEY-----\nexit 0\n',
    ]);
    for (const text of [result.liveOutput, result.runLogOutput, result.journalOutput]) {
      expect(text).toBe('$ cat deploy_key\n[redacted private key]\nexit 0\n');
    }
    expect(rawBytes(file).includes(pemBody)).toBe(false);
  });

  it('redacts a failed step’s output tail in the step and run events', async () => {
    const journal = openJournal({ file: join(tempDir(), 'journal.db') });
    journals.push(journal);
    const secret = 'MysqlGluedPass1';
    const result = await runOnce(journal, [`mysql -u root -p${secret.slice(0, 5)}`, `${secret.slice(5)} orders\n`], {
      exitCode: 1,
      stream: 'stderr',
    });
    expect(result.liveAll).toContain('exited with 1');
    expect(result.liveAll.includes(secret)).toBe(false);
    expect(result.runLogAll.includes(secret)).toBe(false);
  });
});
