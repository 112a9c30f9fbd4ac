/** Cloud cost, budgets and the monthly review (filled in by the cost feature). */
export const costMethods = {} as const;
export const costEvents = {} as const;
