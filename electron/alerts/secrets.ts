/**
 * Resolves a secret reference from the workspace file: `env:NAME` (an environment variable) or `keychain:name`
 * (the OS keychain through the injected store). The value is returned to the caller only; messages name the
 * reference, never the value.
 */
import { type SecretStore } from './types';

export interface SecretSources {
  env?: Record<string, string | undefined>;
  keychain?: SecretStore;
}

export async function resolveSecret(ref: string, sources: SecretSources): Promise<string> {
  const match = /^(env|keychain):(.+)$/.exec(ref);
  if (!match?.[1] || !match[2])
    throw new Error(`"${ref}" is not a secret reference (expected env:NAME or keychain:name)`);
  const [, where, name] = match;
  if (where === 'env') {
    const value = (sources.env ?? process.env)[name];
    if (!value) throw new Error(`environment variable ${name} is not set (referenced as ${ref})`);
    return value;
  }
  if (!sources.keychain) {
    throw new Error(
      `${ref} needs the OS keychain, which only the desktop app can read (not serve mode or the CLI); use env:NAME here`,
    );
  }
  const value = await sources.keychain.get(name);
  if (!value) throw new Error(`the keychain has no entry "${name}" (referenced as ${ref})`);
  return value;
}
