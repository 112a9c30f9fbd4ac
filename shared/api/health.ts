/** Health checks, statuses, charts, alerts (filled in by the health feature). */
export const healthMethods = {} as const;
export const healthEvents = {} as const;
