/** What a `cockpit` command printed, for tests: its stdout and stderr lines, joined. */
export function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) },
    out: () => out.join('\n'),
    err: () => err.join('\n'),
  };
}
