/**
 * `${var}` in check targets, from the host's `vars`, then the environment's (plus `${environment}`, `${service}`
 * and, for per-host instances, `${host}`: the host's name as the workspace writes it), so one check line serves
 * staging and production, and every host of them. A name that is not defined is reported, never left in a URL to fail later
 * with a confusing DNS error. `$${x}` writes a literal `${x}`.
 */

export interface Substituted<T> {
  value: T;
  /** Variable names used but not defined. */
  missing: string[];
}

const pattern = /\$?\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

export function substituteString(text: string, vars: Record<string, string>, missing: Set<string>): string {
  return text.replace(pattern, (whole: string, name: string) => {
    if (whole.startsWith('$$')) return whole.slice(1);
    const value = vars[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return value;
  });
}

/** Substitutes every string inside a plain value (objects, arrays); other values pass through untouched. */
export function substituteVars<T>(value: T, vars: Record<string, string>): Substituted<T> {
  const missing = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return substituteString(v, vars, missing);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    }
    return v;
  };
  // walk() keeps the shape and only rewrites strings, so the result has the input's type.
  return { value: walk(value) as T, missing: [...missing] };
}

/** Every `${name}` a plain value uses in its strings (a `$${x}` escape is not a use). */
export function variablesUsed(value: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const match of v.matchAll(pattern)) if (!match[0].startsWith('$$') && match[1]) names.add(match[1]);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      // A description is prose for people, never filled in by a host's values.
      for (const [key, inner] of Object.entries(v)) if (key !== 'description') walk(inner);
    }
  };
  walk(value);
  return names;
}
