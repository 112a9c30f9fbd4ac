/** The Overview's deploy card: what changed recently and the one-click way back (filled in by the deploy feature). */
export function OverviewDeploysCard() {
  return null;
}
