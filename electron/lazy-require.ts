/**
 * Heavy CommonJS dependencies (the AWS SDK, ssh2) loaded on first use instead of at start: `cockpit serve` and the
 * app's first screen need neither, and loading them up front cost a few hundred milliseconds of every start.
 * Synchronous (Node's require from ESM), so code that uses them keeps its synchronous shape.
 */
import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * The function that loads `specifier` the first time it is called and answers the same module after. `T` is the
 * module's type, written by the caller as `typeof import('…')` (require itself is untyped).
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: { module: T } | undefined;
  return () => {
    loaded ??= { module: requireHere(specifier) as T };
    return loaded.module;
  };
}
