/** A quiet placeholder while something loads; announced once, not per bar. */
export function Skeleton({
  lines = 3,
  label = 'Loading…',
  height,
}: {
  lines?: number;
  label?: string;
  height?: number;
}) {
  return (
    <div className="skeleton" role="status" aria-label={label} style={height ? { height } : undefined}>
      {height
        ? null
        : Array.from({ length: lines }, (_, i) => <span key={i} className="skeleton-line" aria-hidden="true" />)}
    </div>
  );
}
