const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** "1.3 MB" (powers of 1024, as file managers show sizes): the plan of a deploy, a backup's copies, the CLI. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${UNITS[unit]}`;
}
