/**
 * The part of the backend (electron/backend.ts) the desktop shell uses, and the options it starts it with. main.ts
 * passes the real createBackend — wrapped when it needs to add options of its own — and the tests a fake.
 */
import { type Backend, type BackendOptions } from '../backend';

export type ShellBackend = Pick<Backend, 'dispatch' | 'events' | 'info' | 'close'> & {
  workspace: Pick<Backend['workspace'], 'current' | 'recent' | 'open' | 'openDemo' | 'reload'>;
  features: { health: object };
};

/** What the shell decides: where the data lives, how the UI talks, what to open, the dialogs and the keychain. */
export type ShellBackendOptions = Pick<
  BackendOptions,
  'dataDir' | 'transport' | 'workspacePath' | 'demo' | 'dialogs' | 'secretCipher'
>;

export type CreateShellBackend = (options: ShellBackendOptions) => Promise<ShellBackend>;
