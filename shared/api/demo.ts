/** The built-in demo's controls: break and heal its sandbox service (filled in by the health feature). */
export const demoMethods = {} as const;
export const demoEvents = {} as const;
