import { ageBar } from './backup-format';

/** The newest copy's age against the RPO: "31 h / 26 h" over a small bar that turns red past it. */
export function AgeMeter({ ageMs, rpoMs }: { ageMs: number | null; rpoMs: number }) {
  const bar = ageBar(ageMs, rpoMs);
  return (
    <span className="age-meter" title={bar.label}>
      <span className={`age-text age-${bar.tone}`}>{bar.text}</span>
      <span
        className="age-track"
        role="meter"
        aria-label={bar.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(bar.fill * 100)}
      >
        <span className={`age-fill age-fill-${bar.tone}`} style={{ width: `${Math.round(bar.fill * 100)}%` }} />
      </span>
    </span>
  );
}
