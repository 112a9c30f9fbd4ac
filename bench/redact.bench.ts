/**
 * Redaction throughput: every output chunk of every run goes through the redactor before it is shown or journaled,
 * so it must keep up with a chatty build. Each figure is set against a baseline measured in the same run on the same
 * text (a plain regex scan, one linear pass over it), so the ratio means the same on a fast laptop and a busy CI box.
 * A backtracking pattern shows up as a ratio that grows with the text's size, not as a slow absolute time.
 *
 * Knobs: REDACT_BENCH_LINES (50000), REDACT_BENCH_ROUNDS (5).
 */
import { performance } from 'node:perf_hooks';
import { createLiveRedactor, redactText } from '../electron/journal/redact';

const LINES = Number(process.env.REDACT_BENCH_LINES ?? 50_000);
const ROUNDS = Number(process.env.REDACT_BENCH_ROUNDS ?? 5);

/** Text that looks almost like secrets everywhere: the worst case for lazy and look-ahead patterns. */
function noisy(lines: number): string {
  return Array.from(
    { length: lines },
    (_, i) =>
      `line ${i} ${'ab/cd+ef='.repeat(4)} token-ish a:b //x mysql curl -u redis-cli -a password: AKIA eyJ ${i % 97 === 0 ? 'password=hunter2 ' : ''}`,
  ).join('\n');
}

/** The fastest of several rounds, in ms. */
function best(run: () => void): number {
  let fastest = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

const mb = (text: string) => Buffer.byteLength(text) / 1024 / 1024;

for (const lines of [LINES / 10, LINES]) {
  const text = noisy(lines);
  const chunks = text.match(/[\s\S]{1,4096}/g) ?? [];
  // One pass of a simple global regex over the same text: what "linear" costs on this machine right now.
  const baseline = best(() => void text.replace(/\bpassword\b/g, 'x'));
  const whole = best(() => void redactText(text));
  const live = best(() => {
    const redactor = createLiveRedactor();
    for (const chunk of chunks) redactor.push(chunk);
    redactor.end();
  });
  const size = mb(text);
  console.log(
    `${lines} lines (${size.toFixed(1)} MB): baseline scan ${baseline.toFixed(1)} ms; ` +
      `redactText ${whole.toFixed(0)} ms (${(size / (whole / 1000)).toFixed(1)} MB/s, ${(whole / baseline).toFixed(1)}× baseline); ` +
      `live in 4 KB chunks ${live.toFixed(0)} ms (${(size / (live / 1000)).toFixed(1)} MB/s, ${(live / baseline).toFixed(1)}× baseline)`,
  );
}
