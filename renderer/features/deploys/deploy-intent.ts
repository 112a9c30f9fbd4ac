/**
 * The release a Deploy dialog opened from a disabled Rollback's "Deploy v1.4.0 instead" should have chosen: the
 * deploys feature's own note (the app store's dialog state names only service and environment), taken once by the
 * dialog that opens next.
 */
let wanted: string | null = null;

export function wantRelease(name: string | null): void {
  wanted = name;
}

/** The release asked for, once: a later dialog opened by other means starts from its usual default. */
export function takeWantedRelease(): string | null {
  const name = wanted;
  wanted = null;
  return name;
}
