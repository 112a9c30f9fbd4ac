import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Locator } from './locate';
import { detectSecret, findSecrets, hideSecretKeys } from './secrets';

describe('detectSecret', () => {
  it.each([
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow…', 'identityFile', 'private-key'],
    ['AKIAIOSFODNN7EXAMPLE', 'profile', 'aws-access-key'],
    ['ASIAY34FZKBOKMUTVV7A', undefined, 'aws-access-key'],
    ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key', 'aws-secret-key'],
    ['https://hooks.slack.com/services/T000/B000/XXXX', 'webhook', 'slack-webhook'],
    ['postgres://app:pw@db:5432/orders', 'restore', 'url-password'],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'run', 'github-token'],
    ['curl -H "Authorization: Bearer abc.def.ghi123"', 'deploy', 'bearer-token'],
    ['hunter2', 'password', 'named-secret'],
    ['abc', 'apiKey', 'named-secret'],
    ['abc', 'client-secret', 'named-secret'],
    ['12345', 'api_token', 'named-secret'],
    // Wherever they appear, whatever the key is called.
    ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'note', 'aws-secret-key'],
    ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ./bin/deploy', 'deploy', 'named-secret'],
    ['AWS_SECRET_ACCESS_KEY=abc123 ./bin/deploy', 'deploy', 'named-secret'],
    ['mysqldump --password=hunter2 orders', 'backup', 'named-secret'],
    ['redis-cli -u redis://:hunter2@cache:6379 ping', 'verify', 'url-password'],
    ['xoxb-123456789012-abcdefABCDEF', 'note', 'slack-token'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXBsb3kifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'header', 'jwt'],
    ['MYAPP_AKIAIOSFODNN7EXAMPLE', 'name', 'aws-access-key'],
  ])('%s under %s is %s', (text, key, kind) => {
    expect(detectSecret(text, key)?.kind).toBe(kind);
  });

  it.each([
    ['deploy@stg-1.acme.internal', 'ssh'],
    ['http://127.0.0.1:${port}/health/ready', 'http'],
    ['postgres://app:${db_password}@db/orders', 'restore'],
    ['psql "postgres://app@db/orders"', 'verify'],
    ['ssh://git@github.com:22/acme/api', 'repo'],
    ['~/.ssh/id_ed25519', 'identityFile'],
    ['/etc/cockpit/token', 'tokenFile'],
    ['env:DB_PASSWORD', 'password'],
    ['keychain:slack', 'secret'],
    ['curl -H "Authorization: Bearer $API_TOKEN" https://x', 'deploy'],
    ['Amazon Elastic Compute Cloud - Compute', 'service'],
    ['0123456789012345678901234567890123456789', 'checksum'],
    ['8b71ff7e0c2d4a5b9f3e1d2c3b4a5968778695a4', 'commit'],
    ['AWS_SECRET_ACCESS_KEY=$AWS_SECRET ./bin/deploy', 'deploy'],
    ['PGPASSWORD="$(cat ~/.pgpass-orders)" pg_dump orders', 'backup'],
    ['./bin/deploy --token-file=/etc/cockpit/token', 'deploy'],
  ])('%s under %s is fine', (text, key) => {
    expect(detectSecret(text, key)).toBeUndefined();
  });

  it('never repeats more than four characters of the secret', () => {
    const finding = detectSecret('AKIAIOSFODNN7EXAMPLE', undefined);
    expect(finding?.what).toBe('an AWS access key id ("AKIA…")');
    expect(finding?.hint).toContain('cost.aws.profile');
  });
});

describe('an AWS key used as a mapping key', () => {
  it('is rejected without the key appearing in any issue', () => {
    const text = 'version: 1\nenvironments:\n  prod:\n    vars:\n      AKIAIOSFODNN7EXAMPLE: x\n';
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    const locator = new Locator('cockpit.yaml', doc, lines);
    const found = findSecrets(doc, locator);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 5, path: 'environments.prod.vars.AKIA…' });
    // What a schema complaint about the same key would say, before the issues leave the parser.
    const other = locator.issue(['environments', 'prod', 'vars', 'AKIAIOSFODNN7EXAMPLE'], {
      message: 'unknown key "AKIAIOSFODNN7EXAMPLE"',
    });
    const shown = hideSecretKeys([...found, other], doc);
    expect(JSON.stringify(shown)).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(shown[1]).toMatchObject({ path: 'environments.prod.vars.AKIA…', message: 'unknown key "AKIA…"' });
  });
});
