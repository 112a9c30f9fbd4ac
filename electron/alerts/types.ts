/** What the alert rules need from the outside world, injected so tests and the Electron shell can supply it. */
import { type Alert, type AlertSeverity } from '../../shared/model/health';

/** Sends an alert somewhere a person will see it. Throws (without secrets in the message) when it could not. */
export interface Notifier {
  readonly name: string;
  send(alert: Alert): Promise<void>;
}

/** The Electron shell's desktop notification. */
export type DesktopNotify = (notification: {
  title: string;
  body: string;
  severity: AlertSeverity;
  /** What it is about, so the shell can offer "I'm on it" for the incident it opened. */
  service?: string;
  environment?: string;
}) => void | Promise<void>;

/** Secrets kept in the OS keychain (Electron safeStorage in the app). */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
}

/**
 * Encrypts with a key the OS keeps (Electron's safeStorage in the app). The keychain never writes a secret it
 * could not encrypt.
 */
export interface SecretCipher {
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

/** The keychain as the Health screen manages it: secrets set and forgotten by name, never read back out. */
export interface Keychain extends SecretStore {
  /** Why secrets cannot be kept here, in words ("only the desktop app…"), or null when they can. */
  unavailable(): string | null;
  has(name: string): boolean;
  /** Throws (naming keychain:NAME, never the value) when the keychain is unavailable. */
  set(name: string, value: string): void;
  /** Whether there was an entry to forget. */
  delete(name: string): boolean;
}

/** The last deploy of a service to an environment, from the deploy history. */
export interface RecentDeploy {
  at: number;
  /** Release id or short commit, e.g. 8b71ff7. */
  release: string;
  /** Who, when the deploy history knows. */
  by?: string;
  /** A rollback is a change too (default: deploy). */
  kind?: 'deploy' | 'rollback';
}

export type RecentDeployLookup = (
  service: string,
  environment: string,
) => RecentDeploy | undefined | Promise<RecentDeploy | undefined>;
