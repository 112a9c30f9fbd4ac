import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runValidate } from '../cli/validate';
import { type Prng, prng } from '../../test/support/prng';

/** Fixed, so a failure can be replayed; printed with every failure. Set COCKPIT_FUZZ_SEED to try others. */
const SEED = Number(process.env.COCKPIT_FUZZ_SEED ?? 20_251_206);
const FILES = 240;

type Rng = Prng;
type Mutation = (lines: string[], rng: Rng) => void;

const JUNK = [':', '-', '[', '{', ']', '}', '"', "'", '\t', '&a', '*a', '!', '%', '|', '>', '#', ',', '? ', '@', '`'];
const VALUES = [
  '[1, 2]',
  '{ a: 1 }',
  '42',
  'true',
  'null',
  '~',
  '-1',
  '.nan',
  '1e999',
  '"99999999999999999999d"',
  '25:00-99:99',
  '0s',
  '"x"',
  '*nowhere',
  `"${'x'.repeat(70_000)}"`,
  `${'y'.repeat(5000)}`,
  '"\\u0000"',
  '!!binary aGVsbG8=',
  '&x { <<: *x }',
];
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '<<', 'version', 'name', 'hosts', 'x y'];

const mutations: Record<string, Mutation> = {
  delete: (lines, rng) => void lines.splice(rng.int(lines.length), 1),
  duplicate: (lines, rng) => {
    const at = rng.int(lines.length);
    lines.splice(at, 0, lines[at] ?? '');
  },
  garble: (lines, rng) => {
    const at = rng.int(lines.length);
    const line = lines[at] ?? '';
    const pos = rng.int(line.length + 1);
    lines[at] = `${line.slice(0, pos)}${rng.pick(JUNK)}${line.slice(pos + rng.int(3))}`;
  },
  retype: (lines, rng) => {
    const at = rng.int(lines.length);
    lines[at] = (lines[at] ?? '').replace(/:\s+\S.*$/, `: ${rng.pick(VALUES)}`);
  },
  rekey: (lines, rng) => {
    const at = rng.int(lines.length);
    lines[at] = (lines[at] ?? '').replace(/^(\s*(?:- )?)[A-Za-z][\w-]*:/, `$1${rng.pick(KEYS)}:`);
  },
  insertKey: (lines, rng) => {
    const at = rng.int(lines.length);
    const indent = /^\s*/.exec(lines[at] ?? '')?.[0] ?? '';
    lines.splice(at, 0, `${indent}${rng.pick(KEYS)}: ${rng.pick(VALUES)}`);
  },
  indent: (lines, rng) => {
    const at = rng.int(lines.length);
    lines[at] = `${' '.repeat(rng.int(5))}${lines[at] ?? ''}`;
  },
  nest: (lines, rng) => {
    const depth = 10 + rng.int(200);
    lines.splice(rng.int(lines.length), 0, `deep: ${'['.repeat(depth)}${']'.repeat(depth)}`);
  },
  aliases: (lines, rng) => {
    lines.push('x-a: &a [1, 2, 3]', `x-b: &b [${Array.from({ length: 50 + rng.int(200) }, () => '*a').join(', ')}]`);
    lines.push(`x-c: [${Array.from({ length: 50 + rng.int(200) }, () => '*b').join(', ')}]`);
  },
  truncate: (lines, rng) => void lines.splice(1 + rng.int(lines.length)),
};

/** Byte-level damage, applied after the text is encoded. */
const byteMutations: Record<string, (bytes: Buffer, rng: Rng) => Buffer> = {
  badUtf8: (bytes, rng) =>
    splice(bytes, rng.int(bytes.length), rng.pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe9]])),
  bom: (bytes, rng) => splice(bytes, rng.pick([0, 0, rng.int(bytes.length)]), [0xef, 0xbb, 0xbf]),
  utf16: (bytes) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]),
  nul: (bytes, rng) => splice(bytes, rng.int(bytes.length), [0]),
  cut: (bytes, rng) => bytes.subarray(0, rng.int(bytes.length)),
};

function splice(bytes: Buffer, at: number, insert: number[]): Buffer {
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at)]);
}

interface Report {
  ok: boolean;
  issues: { file: string; line: number; column: number; path: string; message: string }[];
}

describe('generated broken workspace files, through `cockpit validate`', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-fuzz-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${FILES} mutated files: each judged with placed issues, no internal error (seed ${SEED})`, async () => {
    const base = readFileSync(fileURLToPath(new URL('../../resources/demo/cockpit.yaml', import.meta.url)), 'utf8');
    const rng = prng(SEED);
    const names = Object.keys(mutations);
    const byteNames = Object.keys(byteMutations);
    let slowest = { ms: 0, index: -1, applied: '' };
    let refused = 0;

    for (let index = 0; index < FILES; index++) {
      const lines = base.split('\n');
      const applied: string[] = [];
      for (let n = 1 + rng.int(3); n > 0; n--) {
        const name = rng.pick(names);
        applied.push(name);
        mutations[name]?.(lines, rng);
      }
      let bytes: Buffer = Buffer.from(lines.join('\n'), 'utf8');
      if (rng.int(4) === 0) {
        const name = rng.pick(byteNames);
        applied.push(name);
        bytes = byteMutations[name]?.(bytes, rng) ?? bytes;
      }
      const file = join(dir, `case-${index}.yaml`);
      writeFileSync(file, bytes);
      const context = `seed ${SEED}, file #${index} (${applied.join(' + ')}), kept in ${file}`;

      const out: string[] = [];
      const err: string[] = [];
      const started = performance.now();
      const code = await runValidate(['--json', file], {
        stdout: (s) => void out.push(s),
        stderr: (s) => void err.push(s),
      });
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { ms, index, applied: applied.join(' + ') };

      expect(err, context).toEqual([]);
      expect([0, 1], context).toContain(code);
      const report = JSON.parse(out.join('')) as Report;
      expect(report.ok, context).toBe(code === 0);
      if (!report.ok) refused += 1;
      for (const issue of report.issues) {
        expect(issue.file, context).toBe(file);
        expect(Number.isInteger(issue.line) && issue.line >= 1, context).toBe(true);
        expect(Number.isInteger(issue.column) && issue.column >= 1, context).toBe(true);
        expect(issue.message, context).not.toMatch(
          /INTERNAL|\n\s+at |TypeError|RangeError|ReferenceError|call stack|Cannot read prop|is not a function|undefined|\[object /,
        );
        // A message quotes at most a short piece of a value, never a 70 KB one.
        expect(issue.message.length, context).toBeLessThan(400);
      }
      expect(ms, context).toBeLessThan(5000);
      if (index % 40 === 0) rmSync(file);
    }
    console.log(
      `fuzz seed ${SEED}: ${FILES} files, ${refused} refused; slowest file #${slowest.index} (${slowest.applied}) in ${Math.round(slowest.ms)} ms`,
    );
    expect(refused).toBeGreaterThan(FILES / 2);
  });
});
