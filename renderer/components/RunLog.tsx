/**
 * A run's live log (a deploy, a rollback, a restore drill): its lines, a cursor while it runs, and scrolling that
 * follows the tail while the reader is at the bottom and stays put once they scroll up to read.
 */
import { type CSSProperties, type ReactNode, useEffect, useRef } from 'react';
import { type LogLine } from '../lib/run-log';

export function RunLog({
  title,
  lines,
  running,
  hostWidth,
  before,
}: {
  /** What runs, for the log's accessible name ("Live log of …"). */
  title: string;
  lines: readonly LogLine[];
  running: boolean;
  /** Show each line's host in a gutter this many characters wide (a run on several hosts). */
  hostWidth?: number;
  /** A note above the lines (nothing yet, or earlier output left out). */
  before?: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <div
      ref={scroller}
      className="run-log"
      // Host names are whole in the gutter (up to a limit): "demo-prod-" over "1" reads as two hosts.
      style={hostWidth ? ({ '--log-host-width': `${hostWidth}ch` } as CSSProperties) : undefined}
      role="log"
      aria-live="polite"
      aria-label={`Live log of ${title}`}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {before}
      {lines.map((line) => (
        <div key={line.key} className={`log-line log-${line.kind}`}>
          {hostWidth ? <span className="log-host">{line.host ?? 'local'}</span> : null}
          <span className="log-text">{line.text || ' '}</span>
        </div>
      ))}
      {running ? (
        <div className="log-line log-cursor" aria-hidden="true">
          ▍
        </div>
      ) : null}
    </div>
  );
}
