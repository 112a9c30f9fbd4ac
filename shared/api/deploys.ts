/** Deploys, rollbacks, history, locks (filled in by the deploy feature). */
export const deployMethods = {} as const;
export const deployEvents = {} as const;
