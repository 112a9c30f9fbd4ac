import { type BackupStatus } from '../../../shared/model/backups';
import { formatBytes, sparkline } from './backup-format';

const WIDTH = 120;
const HEIGHT = 28;

/** The recent copies' sizes, oldest left; a copy that shrank against the ones before it is a red dot. */
export function SizeSparkline({ sizes, name }: { sizes: BackupStatus['sizes']; name: string }) {
  const { path, points } = sparkline(sizes, WIDTH, HEIGHT);
  if (points.length === 0) return <span className="muted">no sizes</span>;
  const shrunk = points.filter((p) => p.shrunk);
  const label =
    `Sizes of the last ${points.length} copies of ${name}` +
    (shrunk.length > 0 ? `; shrunk: ${shrunk.map((p) => `${p.id} (${formatBytes(p.size)})`).join(', ')}` : '');
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {path ? <path d={path} className="sparkline-line" /> : null}
      {points.map((p) =>
        p.shrunk ? (
          <circle key={p.id} cx={p.x} cy={p.y} r={3} className="sparkline-shrunk">
            <title>{`${p.id}: ${formatBytes(p.size)}, shrunk against the copies before it`}</title>
          </circle>
        ) : null,
      )}
      {points.length > 0 ? (
        <circle
          cx={points[points.length - 1]?.x}
          cy={points[points.length - 1]?.y}
          r={2}
          className={points[points.length - 1]?.shrunk ? 'sparkline-shrunk' : 'sparkline-last'}
        />
      ) : null}
    </svg>
  );
}
