/** The Overview's cost card: month-to-date vs budget and the forecast (filled in by the cost feature). */
export function OverviewCostCard() {
  return null;
}
