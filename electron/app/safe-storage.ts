/**
 * Electron's safeStorage as the keychain's cipher: the key lives in the OS keychain (macOS Keychain, Windows DPAPI,
 * GNOME Keyring / KWallet on Linux). On a Linux desktop with no secret service Electron falls back to a key
 * hard-coded in Chromium ("basic_text"), which is no protection at all, so that counts as unavailable.
 */
import { type SecretCipher } from '../alerts/types';

/** The slice of Electron's safeStorage we use; a fake in tests. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretCipher {
  return {
    // Asked at each use: on Linux the answer is only known once the app is ready.
    isAvailable: () =>
      safeStorage.isEncryptionAvailable() &&
      !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text'),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (encrypted) => safeStorage.decryptString(encrypted),
  };
}
