/**
 * Judges a smoke check's output against what the workspace expects of it. Numbers and times are read from the
 * output's last non-empty line (what `psql -tA -c 'select count(*) …'` prints); `contains` and `match` look at the
 * whole output. Every failure is said in words a person can act on: "printed 99000, expected at least 100000".
 */
import { type SmokeExpect } from '../../../shared/workspace/backups';
import { humanDuration } from '../../health/words';

export interface Judgement {
  ok: boolean;
  /** What was expected in words ("at least 100000 and a time within 26 h"); null when only the exit code counts. */
  expected: string | null;
  /** Why it failed; null when it passed. */
  detail: string | null;
  /** The time the output printed (ISO), when the check says it prints the newest data's time. */
  dataTime: string | null;
}

export function lastNonEmptyLine(output: string): string {
  const lines = output.split('\n').map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]) return lines[i] as string;
  return '';
}

/** "1,234", "1 234" and "1_234" read as 1234; anything else that is not a plain number is NaN. */
export function parseNumber(text: string): number {
  const compact = text.replace(/[\s,_]/g, '');
  return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}

/**
 * A time as databases and tools print it: ISO 8601, PostgreSQL's `2026-12-05 21:14:03.12+00`, or epoch seconds
 * (epoch milliseconds when 13 digits). A time without a zone is read as UTC (what servers usually store).
 */
export function parseDataTime(text: string): Date | null {
  const value = text.trim();
  if (/^\d{9,11}(\.\d+)?$/.test(value)) return new Date(Number(value) * 1000);
  if (/^\d{13}$/.test(value)) return new Date(Number(value));
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(value);
  if (!iso) return null;
  const [, date, time, zone] = iso;
  let offset = 'Z';
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offset = `${digits.slice(0, 3)}:${digits.slice(3) || '00'}`;
  }
  const parsed = new Date(`${date}T${time}${offset}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function quoted(text: string): string {
  const short = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  return `"${short}"`;
}

/** The expectation in words, for the evidence and the report. */
export function describeExpect(expect: SmokeExpect | undefined, dataTime: boolean): string | null {
  const parts: string[] = [];
  if (expect?.atLeast !== undefined) parts.push(`at least ${expect.atLeast}`);
  if (expect?.atMost !== undefined) parts.push(`at most ${expect.atMost}`);
  if (expect?.equals !== undefined) parts.push(`equal to ${quoted(expect.equals)}`);
  if (expect?.contains !== undefined) parts.push(`output containing ${quoted(expect.contains)}`);
  if (expect?.match !== undefined) parts.push(`output matching /${expect.match}/`);
  if (expect?.newerThan !== undefined) parts.push(`a time within ${humanDuration(expect.newerThan)}`);
  else if (dataTime) parts.push('a time (the newest data)');
  return parts.length > 0 ? parts.join(' and ') : null;
}

/**
 * Judges the output of a check that exited 0. `now` is the drill's start: "within 26 h" means the data was at most
 * that old when the drill began, the same instant RPO achieved is measured from.
 */
export function judgeOutput(output: string, check: { expect?: SmokeExpect; dataTime: boolean }, now: Date): Judgement {
  const { expect, dataTime } = check;
  const expected = describeExpect(expect, dataTime);
  const line = lastNonEmptyLine(output);
  const printed = line ? `printed ${quoted(line)}` : 'printed nothing';
  const problems: string[] = [];

  if (expect?.atLeast !== undefined || expect?.atMost !== undefined) {
    const n = parseNumber(line);
    if (Number.isNaN(n)) {
      const range = [
        expect.atLeast !== undefined ? `at least ${expect.atLeast}` : null,
        expect.atMost !== undefined ? `at most ${expect.atMost}` : null,
      ].filter(Boolean);
      problems.push(`${printed}, expected a number ${range.join(' and ')}`);
    } else {
      if (expect.atLeast !== undefined && n < expect.atLeast)
        problems.push(`printed ${line}, expected at least ${expect.atLeast}`);
      if (expect.atMost !== undefined && n > expect.atMost)
        problems.push(`printed ${line}, expected at most ${expect.atMost}`);
    }
  }
  if (expect?.equals !== undefined && line !== expect.equals.trim()) {
    problems.push(`${printed}, expected ${quoted(expect.equals)}`);
  }
  if (expect?.contains !== undefined && !output.includes(expect.contains)) {
    problems.push(`the output does not contain ${quoted(expect.contains)}`);
  }
  if (expect?.match !== undefined && !new RegExp(expect.match, 'm').test(output)) {
    problems.push(`the output does not match /${expect.match}/`);
  }

  let time: Date | null = null;
  if (dataTime || expect?.newerThan !== undefined) {
    time = parseDataTime(line);
    if (!time) {
      problems.push(
        `${printed}, expected a time such as 2026-12-05T21:14:03Z, 2026-12-05 21:14:03+00 or epoch seconds`,
      );
    } else if (expect?.newerThan !== undefined) {
      const age = now.getTime() - time.getTime();
      if (age > expect.newerThan) {
        problems.push(
          `the newest data is ${humanDuration(age)} old (${time.toISOString()}), expected within ${humanDuration(expect.newerThan)}`,
        );
      }
    }
  }

  return {
    ok: problems.length === 0,
    expected,
    detail: problems.length > 0 ? problems.join('; ') : null,
    dataTime: time ? time.toISOString() : null,
  };
}
