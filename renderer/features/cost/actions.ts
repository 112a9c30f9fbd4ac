/**
 * The cost feature's async actions (calls to the backend) and live event subscriptions. loadInitial() and
 * subscribeToEvents() in store/actions.ts call these.
 */
export async function loadCost(): Promise<void> {}

export function subscribeCostEvents(): () => void {
  return () => {};
}
