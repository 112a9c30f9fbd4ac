import { describe, expect, it } from 'vitest';
import { type SafeStorageLike, safeStorageCipher } from './safe-storage';

function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
    decryptString: (encrypted) => [...encrypted.toString().slice(4)].reverse().join(''),
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

describe('safeStorage as the keychain cipher', () => {
  it('encrypts and decrypts through safeStorage', () => {
    const secret = 'https://hooks.slack.com/x';
    const cipher = safeStorageCipher(fakeSafeStorage(true), 'darwin');
    expect(cipher.isAvailable()).toBe(true);
    const stored = cipher.encrypt(secret);
    // A round trip alone would pass with an identity cipher: the bytes kept must be safeStorage's, not the secret.
    expect(stored.toString()).not.toContain(secret);
    expect(stored.equals(Buffer.from(secret))).toBe(false);
    expect(stored.toString()).toBe('enc:x/moc.kcals.skooh//:sptth');
    expect(cipher.decrypt(stored)).toBe(secret);
  });

  it('is unavailable when the OS offers no encryption', () => {
    expect(safeStorageCipher(fakeSafeStorage(false), 'win32').isAvailable()).toBe(false);
  });

  it("does not count Linux's hard-coded fallback key as a keychain", () => {
    expect(safeStorageCipher(fakeSafeStorage(true, 'basic_text'), 'linux').isAvailable()).toBe(false);
    expect(safeStorageCipher(fakeSafeStorage(true, 'gnome_libsecret'), 'linux').isAvailable()).toBe(true);
  });
});
