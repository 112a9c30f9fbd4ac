import { useEffect, useState } from 'react';

/** The time now, fresh every second while `running` (a drill's clock); frozen otherwise, so nothing re-renders. */
export function useTicker(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}
