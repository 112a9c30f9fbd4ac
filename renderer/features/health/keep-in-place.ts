/**
 * Choosing a row must not move the page under the pointer: when the detail that was open above the chosen row
 * folds away, the row would slide up by the detail's height. These helpers put it back where it was pressed, and
 * reveal the new detail's heading only when it would open below the visible area.
 */

/** The nearest ancestor that scrolls (the app's content area), else the document. */
function scrollerOf(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight) return node;
  }
  return document.scrollingElement instanceof HTMLElement ? document.scrollingElement : null;
}

/** Scrolls by exactly the distance `row` moved since it was at `topBefore` (viewport pixels). */
export function keepRowAt(row: HTMLElement, topBefore: number): void {
  const moved = row.getBoundingClientRect().top - topBefore;
  if (Math.abs(moved) < 1) return;
  const scroller = scrollerOf(row);
  if (scroller) scroller.scrollTop += moved;
}

/** Scrolls the least needed to show `heading` when it lies below the visible part of its scroller. */
export function revealIfBelow(heading: HTMLElement, margin = 16): void {
  const scroller = scrollerOf(heading);
  if (!scroller) return;
  const bottom = scroller === document.scrollingElement ? window.innerHeight : scroller.getBoundingClientRect().bottom;
  const overflow = heading.getBoundingClientRect().bottom + margin - bottom;
  if (overflow > 0) scroller.scrollTop += overflow;
}
