/** The logo mark: a gauge needle over a baseline, drawn in the accent colour. */
export function Logo({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="logo">
      <rect x="1" y="1" width="22" height="22" rx="6" className="logo-bg" />
      <path d="M5.5 15.5a6.5 6.5 0 0 1 13 0" className="logo-arc" />
      <path d="M12 15.5 15.6 10" className="logo-needle" />
      <circle cx="12" cy="15.5" r="1.6" className="logo-hub" />
    </svg>
  );
}
