/**
 * The deploys feature's async actions (calls to the backend) and live event subscriptions. loadInitial() and
 * subscribeToEvents() in store/actions.ts call these.
 */
export async function loadDeploys(): Promise<void> {}

export function subscribeDeploysEvents(): () => void {
  return () => {};
}
