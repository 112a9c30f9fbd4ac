import { useSyncExternalStore } from 'react';
import { formatAbsolute, formatRelative } from '../lib/format';
import { getNow, subscribeNow } from './now';

/** "3 min ago", kept fresh; the exact local time is in the tooltip and the machine-readable attribute. */
export function RelativeTime({ iso, prefix }: { iso: string | null | undefined; prefix?: string }) {
  const now = useSyncExternalStore(subscribeNow, getNow);
  if (!iso) return <span className="muted">—</span>;
  // The shared clock ticks every 30 s; never show a time "in the future" because the clock lags a little.
  const text = formatRelative(iso, Math.max(now, Date.parse(iso)));
  return (
    <time dateTime={iso} title={formatAbsolute(iso)}>
      {prefix ? `${prefix} ${text}` : text}
    </time>
  );
}
