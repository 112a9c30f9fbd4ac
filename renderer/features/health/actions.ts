/**
 * The health feature's async actions (calls to the backend) and live event subscriptions. loadInitial() and
 * subscribeToEvents() in store/actions.ts call these.
 */
export async function loadHealth(): Promise<void> {}

export function subscribeHealthEvents(): () => void {
  return () => {};
}
