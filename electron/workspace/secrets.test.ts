import { describe, expect, it } from 'vitest';
import { detectSecret } from './secrets';

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
  ])('%s under %s is fine', (text, key) => {
    expect(detectSecret(text, key)).toBeUndefined();
  });

  it('never repeats more than four characters of the secret', () => {
    const finding = detectSecret('AKIAIOSFODNN7EXAMPLE', undefined);
    expect(finding?.what).toBe('an AWS access key id ("AKIA…")');
    expect(finding?.hint).toContain('cost.aws.profile');
  });
});
