/**
 * Events come in bursts (a run ending and its lock released, a drill moving through phases): the screen reloads
 * once, `ms` after the last of them, instead of once per event.
 */
export interface Coalesced {
  /** Runs the work `ms` from now, replacing any run already waiting. */
  soon(): void;
  /** Drops a waiting run (when the subscription ends). */
  cancel(): void;
}

export function coalesced(work: () => void, ms: number): Coalesced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    soon() {
      clearTimeout(timer);
      timer = setTimeout(work, ms);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
