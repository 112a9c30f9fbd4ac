/**
 * The keychain behind `keychain:NAME` references: each secret encrypted by the injected cipher (Electron's
 * safeStorage in the desktop app, whose key the OS keychain holds) and kept in one file in the data folder that
 * only this user may read. Serve mode and the CLI have no cipher, and some desktops offer none: there the keychain
 * says so and stores nothing, because a secret is never written in plain text. Messages name the entry, never
 * its value.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { type Keychain, type SecretCipher } from './types';

/** The file's name in the data folder. */
export const KEYCHAIN_FILE = 'keychain.json';

export const NO_CIPHER =
  'only the desktop app can use the OS keychain (serve mode and the CLI cannot); use env:NAME here instead';
export const CIPHER_UNAVAILABLE =
  'this desktop offers no OS keychain to encrypt with (on Linux, a secret service such as GNOME Keyring or KWallet); use env:NAME instead';

const namePattern = /^[A-Za-z0-9_.-]+$/;

const fileSchema = z.object({
  version: z.literal(1),
  /** Name → the cipher's output, base64. */
  secrets: z.record(z.string(), z.string()),
});
type KeychainFile = z.infer<typeof fileSchema>;

export interface KeychainStoreOptions {
  file: string;
  /** Absent outside the desktop app. */
  cipher?: SecretCipher;
}

export function createKeychainStore({ file, cipher }: KeychainStoreOptions): Keychain {
  const unavailable = (): string | null => {
    if (!cipher) return NO_CIPHER;
    return cipher.isAvailable() ? null : CIPHER_UNAVAILABLE;
  };

  /** Name → the cipher's output; a Map, so no name ("constructor", "__proto__") is mistaken for a built-in. */
  const read = (): Map<string, string> => {
    if (!existsSync(file)) return new Map();
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      parsed = undefined;
    }
    const checked = fileSchema.safeParse(parsed);
    // Starting over would silently drop every other secret: say so and let the user decide.
    if (!checked.success) throw new Error(`the keychain file ${file} is damaged; remove it and save the secrets again`);
    return new Map(Object.entries(checked.data.secrets));
  };

  const write = (secrets: Map<string, string>): void => {
    const data: KeychainFile = { version: 1, secrets: Object.fromEntries(secrets) };
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    // The mode above is only applied to a new file, and through the umask.
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  };

  const checkName = (name: string): void => {
    if (!namePattern.test(name))
      throw new Error(`"${name}" cannot name a keychain entry (letters, digits, "_", "." and "-" only)`);
  };

  return {
    unavailable,
    has(name) {
      return read().has(name);
    },
    async get(name) {
      const why = unavailable();
      if (why || !cipher) throw new Error(`keychain:${name} cannot be read: ${why ?? NO_CIPHER}`);
      const stored = read().get(name);
      if (stored === undefined) return undefined;
      try {
        return cipher.decrypt(Buffer.from(stored, 'base64'));
      } catch {
        throw new Error(`keychain:${name} could not be decrypted (stored by another user or machine?); save it again`);
      }
    },
    set(name, value) {
      checkName(name);
      const why = unavailable();
      if (why || !cipher) throw new Error(`keychain:${name} cannot be stored: ${why ?? NO_CIPHER}`);
      if (!value) throw new Error(`keychain:${name} needs a value`);
      const encrypted = cipher.encrypt(value);
      // A cipher that hands back its input (a misconfigured stand-in) must not become a plain-text store.
      if (encrypted.toString('utf8') === value) throw new Error(`keychain:${name} was not encrypted; nothing stored`);
      const secrets = read();
      secrets.set(name, encrypted.toString('base64'));
      write(secrets);
    },
    delete(name) {
      const secrets = read();
      if (!secrets.delete(name)) return false;
      write(secrets);
      return true;
    },
  };
}
