import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CIPHER_UNAVAILABLE, KEYCHAIN_FILE, NO_CIPHER, createKeychainStore } from './keychain-store';
import { resolveSecret } from './secrets';
import { type SecretCipher } from './types';

/** Stands in for safeStorage: reversible, and its output never contains the plain text. */
function fakeCipher(available = true): SecretCipher {
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    isAvailable: () => available,
    encrypt: (plain) => Buffer.concat([Buffer.from('v10'), flip(Buffer.from(plain, 'utf8'))]),
    decrypt: (encrypted) => {
      if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('not ours');
      return flip(encrypted.subarray(3)).toString('utf8');
    },
  };
}

const dirs: string[] = [];
function keychainFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-keychain-'));
  dirs.push(dir);
  return join(dir, KEYCHAIN_FILE);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const webhook = 'https://hooks.slack.com/services/T0/B0/very-secret-token';

describe('the keychain store', () => {
  it('gives back what was stored, and forgets it when asked', async () => {
    const keychain = createKeychainStore({ file: keychainFile(), cipher: fakeCipher() });
    expect(keychain.unavailable()).toBeNull();
    expect(keychain.has('slack')).toBe(false);
    keychain.set('slack', webhook);
    expect(keychain.has('slack')).toBe(true);
    expect(await keychain.get('slack')).toBe(webhook);
    expect(await resolveSecret('keychain:slack', { keychain })).toBe(webhook);

    expect(keychain.delete('slack')).toBe(true);
    expect(keychain.delete('slack')).toBe(false);
    expect(await keychain.get('slack')).toBeUndefined();
  });

  it('keeps secrets in a file only this user can read, never in plain text', () => {
    const file = keychainFile();
    const keychain = createKeychainStore({ file, cipher: fakeCipher() });
    keychain.set('slack', webhook);
    keychain.set('other', 'second-secret-value');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('very-secret-token');
    expect(text).not.toContain('hooks.slack.com');
    expect(text).not.toContain('second-secret-value');
    expect(Object.keys((JSON.parse(text) as { secrets: object }).secrets).sort()).toEqual(['other', 'slack']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a missing entry is an error naming keychain:NAME', async () => {
    const keychain = createKeychainStore({ file: keychainFile(), cipher: fakeCipher() });
    await expect(resolveSecret('keychain:slack', { keychain })).rejects.toThrow(
      'the keychain has no entry "slack" (referenced as keychain:slack)',
    );
  });

  it('outside the desktop app it says to use env: and stores nothing', async () => {
    const file = keychainFile();
    const keychain = createKeychainStore({ file });
    expect(keychain.unavailable()).toBe(NO_CIPHER);
    expect(NO_CIPHER).toContain('use env:NAME');
    expect(() => keychain.set('slack', webhook)).toThrow(`keychain:slack cannot be stored: ${NO_CIPHER}`);
    await expect(keychain.get('slack')).rejects.toThrow(`keychain:slack cannot be read: ${NO_CIPHER}`);
    expect(() => statSync(file)).toThrow();
  });

  it('on a desktop without an OS keychain it says so and stores nothing', () => {
    const file = keychainFile();
    const keychain = createKeychainStore({ file, cipher: fakeCipher(false) });
    expect(keychain.unavailable()).toBe(CIPHER_UNAVAILABLE);
    expect(() => keychain.set('slack', webhook)).toThrow(/^keychain:slack cannot be stored: this desktop offers no/);
    expect(() => statSync(file)).toThrow();
  });

  it('refuses a cipher that does not encrypt, rather than write the secret as it is', () => {
    const file = keychainFile();
    const identity: SecretCipher = {
      isAvailable: () => true,
      encrypt: (plain) => Buffer.from(plain),
      decrypt: (b) => b.toString(),
    };
    expect(() => createKeychainStore({ file, cipher: identity }).set('slack', webhook)).toThrow(
      'keychain:slack was not encrypted; nothing stored',
    );
    expect(() => statSync(file)).toThrow();
  });

  it('says which entry it cannot decrypt, and that a damaged file needs attention', async () => {
    const file = keychainFile();
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { slack: Buffer.from('junk').toString('base64') } }));
    const keychain = createKeychainStore({ file, cipher: fakeCipher() });
    await expect(keychain.get('slack')).rejects.toThrow('keychain:slack could not be decrypted');
    writeFileSync(file, '{ not json');
    expect(() => keychain.has('slack')).toThrow(/keychain file .* is damaged/);
    expect(() => keychain.set('slack', webhook)).toThrow(/is damaged/);
  });

  it('names entries the way the workspace refers to them', () => {
    const keychain = createKeychainStore({ file: keychainFile(), cipher: fakeCipher() });
    expect(() => keychain.set('../slack', webhook)).toThrow('"../slack" cannot name a keychain entry');
    expect(keychain.has('constructor')).toBe(false);
  });
});
