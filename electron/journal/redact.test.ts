import { describe, expect, it } from 'vitest';
import { createLiveRedactor, createStreamRedactor, REDACTED, redactText, redactValue } from './redact';

const privateKey = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACDkq3ZsZWNyZXRrZXltYXRlcmlhbHRoYXRtdXN0bm90bGVhaw==',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

describe('redactText hides', () => {
  it.each([
    [
      'a PEM private key, keeping the text around it',
      `key:\n${privateKey}\ndone`,
      'key:\n[redacted private key]\ndone',
      'b3BlbnNz',
    ],
    [
      'a private key cut short at the end',
      'x -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAsecretbody',
      'x [redacted private key]',
      'MIIEpAIB',
    ],
    [
      'the tail of a key whose start was cut off',
      'Zm9vYmFyc2VjcmV0\n-----END RSA PRIVATE KEY-----\nafter',
      '[redacted private key]\nafter',
      'Zm9vYmFy',
    ],
    ['an AWS access key id', 'using AKIAIOSFODNN7EXAMPLE now', `using ${REDACTED} now`, 'AKIAIOSFODNN7EXAMPLE'],
    [
      'an AWS secret access key by its name',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      `aws_secret_access_key = ${REDACTED}`,
      'wJalrXUtnFEMI',
    ],
    [
      'AWS credentials printed as JSON',
      '{"AccessKeyId":"ASIAXXXXXXXXXXXXXXXX","SecretAccessKey":"abc/def+ghi","SessionToken":"FwoGZXIvYXdzE"}',
      `{"AccessKeyId":"${REDACTED}","SecretAccessKey":"${REDACTED}","SessionToken":"${REDACTED}"}`,
      'FwoGZXIvYXdzE',
    ],
    [
      'a Slack webhook URL',
      'POST https://hooks.slack.com/services/T0123ABCD/B0456EFGH/aBcDeFgHiJkLmNoPqRsTuVwX failed',
      `POST https://hooks.slack.com/services/${REDACTED} failed`,
      'aBcDeFgHiJkLmNoPqRsTuVwX',
    ],
    [
      'password=… in a command line',
      'PGPASSWORD=hunter2 pg_dump orders',
      `PGPASSWORD=${REDACTED} pg_dump orders`,
      'hunter2',
    ],
    ['a quoted password with spaces', `db_password: "correct horse battery"`, `db_password: "${REDACTED}"`, 'horse'],
    ['a password flag', 'mysql --password hunter2 --user app', `mysql --password ${REDACTED} --user app`, 'hunter2'],
    [
      'a token in a query string',
      'GET /hook?access_token=abc123&page=2',
      `GET /hook?access_token=${REDACTED}&page=2`,
      'abc123',
    ],
    [
      'a bearer token in a header',
      'curl -H "Authorization: Bearer eyAbCdEf0123456789"',
      `curl -H "Authorization: Bearer ${REDACTED}"`,
      'eyAbCdEf0123456789',
    ],
    ['a bare bearer token', 'sent Bearer abcdef0123456789xyz', `sent Bearer ${REDACTED}`, 'abcdef0123456789xyz'],
    ['basic auth', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', `Authorization: Basic ${REDACTED}`, 'dXNlcjpw'],
    [
      'the password in a URL, keeping user and host',
      'connecting to postgres://app:s3cr3t%21@db.internal:5432/orders',
      `connecting to postgres://app:${REDACTED}@db.internal:5432/orders`,
      's3cr3t',
    ],
    [
      'a GitHub token',
      'git push https://ghp_0123456789abcdefghij0123456789ABCDEF@github.com',
      'git push https://[redacted]@github.com',
      'ghp_0123',
    ],
    ['a Slack bot token', 'SLACK=xoxb-123456789012-abcdefABCDEF', `SLACK=${REDACTED}`, 'xoxb-'],
    ['an AWS key id after a word', 'MYAPP_AKIAIOSFODNN7EXAMPLE=1', `MYAPP_${REDACTED}=1`, 'AKIAIOSFODNN7EXAMPLE'],
    ['mysql -pPASSWORD', 'mysql -u root -phunter2 orders', `mysql -u root -p${REDACTED} orders`, 'hunter2'],
    ['mysql --password=', 'mysqldump --password=hunter2 db', `mysqldump --password=${REDACTED} db`, 'hunter2'],
    ['curl -u user:password', 'curl -u deploy:hunter2 https://x', `curl -u deploy:${REDACTED} https://x`, 'hunter2'],
    ['redis-cli -a', 'redis-cli -h cache -a hunter2 ping', `redis-cli -h cache -a ${REDACTED} ping`, 'hunter2'],
    ['sshpass -p', 'sshpass -p hunter2 ssh web', `sshpass -p ${REDACTED} ssh web`, 'hunter2'],
    ['a URL password with no user', 'redis://:hunter2@cache:6379', `redis://:${REDACTED}@cache:6379`, 'hunter2'],
    [
      'a password in SQL',
      "CREATE USER app IDENTIFIED BY 'hunter2';",
      `CREATE USER app IDENTIFIED BY '${REDACTED}';`,
      'hunter2',
    ],
    ['escaped JSON inside a string', '{\\"password\\":\\"p a s s\\"}', `{\\"password\\":\\"${REDACTED}\\"}`, 'p a s s'],
  ])('%s', (_label, input, expected, secret) => {
    const output = redactText(input);
    expect(output).toBe(expected);
    expect(output).not.toContain(secret);
  });
});

describe('redactText leaves ordinary text alone', () => {
  it.each([
    'Deployed release 8b71ff7 to web-1 and web-2',
    'PWD=/srv/api npm ci',
    'tokens: 5 parsed',
    'the bearer of good news',
    'https://api.acme.com/health/ready returned 200 in 41 ms',
    'ssh deploy@stg-1.acme.internal -p 2222',
    '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    'password reset emails sent: 3',
    'mysql -h db -P 3306 -u app orders',
    'docker run -u 1000:1000 app',
  ])('%s', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('hides secret-named keys and secrets inside strings, without changing the caller’s object', () => {
    const data = {
      host: 'web-1',
      password: 'hunter2',
      apiKey: 12345,
      nested: [{ dbPassword: 'p', note: 'export GITHUB_TOKEN=abc' }],
      hasSecret: true,
      headers: { Authorization: 'Bearer xyz' },
    };
    expect(redactValue(data)).toEqual({
      host: 'web-1',
      password: REDACTED,
      apiKey: REDACTED,
      nested: [{ dbPassword: REDACTED, note: `export GITHUB_TOKEN=${REDACTED}` }],
      hasSecret: true,
      headers: { Authorization: REDACTED },
    });
    expect(data.password).toBe('hunter2');
  });
});

describe('a stream of output chunks', () => {
  it('hides a private key split across chunks, up to its END line', () => {
    const redact = createStreamRedactor();
    const lines = privateKey.split('\n');
    const chunks = [
      `cat id_ed25519\n${lines[0]}\n${lines[1]}`,
      `\n${lines[2]}\n`,
      `${lines[3]}\nexit 0\n`,
      'next command\n',
    ];
    const out = chunks.map(redact);
    expect(out.join('')).not.toMatch(/b3BlbnNz|QyNTUxOQ/);
    expect(out[0]).toBe('cat id_ed25519\n[redacted private key]');
    expect(out[2]).toBe('[redacted private key]\nexit 0\n');
    expect(out[3]).toBe('next command\n');
  });
});

describe('live output, redacted a line at a time', () => {
  it('holds an unfinished line back until its end, then shows it redacted', () => {
    const live = createLiveRedactor();
    expect(live.push('export KEY=AKIAIOSF')).toBe('');
    expect(live.holding).toBe(true);
    expect(live.push('ODNN7EXAMPLE\nnext')).toBe(`export KEY=${REDACTED}\n`);
    expect(live.end()).toBe('next');
  });

  it('shows a released line and redacts the rest of it with what came before', () => {
    const live = createLiveRedactor();
    expect(live.push('Password: ')).toBe('');
    expect(live.release()).toBe('Password: ');
    expect(live.push('hunter2\n')).toBe(`${REDACTED}\n`);
  });

  it('shows a line that never ends once it is long', () => {
    const live = createLiveRedactor();
    expect(live.push('#'.repeat(5000))).toHaveLength(5000);
  });
});
