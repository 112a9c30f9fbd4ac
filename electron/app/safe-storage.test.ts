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
    const cipher = safeStorageCipher(fakeSafeStorage(true), 'darwin');
    expect(cipher.isAvailable()).toBe(true);
    expect(cipher.decrypt(cipher.encrypt('https://hooks.slack.com/x'))).toBe('https://hooks.slack.com/x');
  });

  it('is unavailable when the OS offers no encryption', () => {
    expect(safeStorageCipher(fakeSafeStorage(false), 'win32').isAvailable()).toBe(false);
  });

  it("does not count Linux's hard-coded fallback key as a keychain", () => {
    expect(safeStorageCipher(fakeSafeStorage(true, 'basic_text'), 'linux').isAvailable()).toBe(false);
    expect(safeStorageCipher(fakeSafeStorage(true, 'gnome_libsecret'), 'linux').isAvailable()).toBe(true);
  });
});
