/**
 * `cockpit cost` end to end: main() with a recording terminal, a temp data folder and the demo workspace (its
 * replayed account runs through the real SDK and the journal's cache), as a user would run it.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database } from '../journal/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from './main';
import { recorder } from './test-support/recorder';

/** Last month and this month in UTC, as Cost Explorer (and the demo's replay) count them. */
function months() {
  const now = new Date();
  const current = now.toISOString().slice(0, 7);
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  return { current, last };
}

let dir: string;
let dataDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-cli-cost-'));
  dataDir = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const r = recorder();
  const code = await main(['cost', ...args], r.io);
  return { code, out: r.out(), err: r.err() };
}

/** Requests the cockpit sent to Cost Explorer so far, from the ledger in the journal. */
function ledger(): number {
  const db = new Database(join(dataDir, 'journal.db'), { readOnly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM cost_requests').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('cockpit cost', () => {
  it('--help prints the usage and touches nothing', async () => {
    for (const args of [['--help'], ['review', '--month', '2026-10', '-h'], ['--demo', '--force', '--help']]) {
      const { code, out } = await run(...args, '--data-dir', dataDir);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: cockpit cost/);
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('shows this month: month to date, forecast, budgets, movers, untagged, freshness and API spend', async () => {
    const { code, out, err } = await run('--demo', '--data-dir', dataDir);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^Demo Shop · AWS cost for ${months().current}`));
    expect(out).toMatch(/Month to date\s+[\d,]+\.\d\d USD {2}\(day \d+ of \d+, \d+ left\)/);
    expect(out).toMatch(/Month-end forecast\s+[\d,]+\.\d\d USD {2}\(range [\d,]+\.\d\d USD – [\d,]+\.\d\d USD\)/);
    expect(out).toMatch(/All of AWS\s+all of AWS\s+[\d,]+\.\d\d USD of 400\.00 USD/);
    expect(out).toMatch(/Production\s+env=production/);
    expect(out).toMatch(/Top movers against the same days of last month/);
    expect(out).toMatch(/Untagged spend this month\n\s+env\s+[\d,.]+ USD\s+\d+\.\d % of/);
    expect(out).toMatch(/Data\s+as of .* UTC · replayed sample data/);
    expect(out).toMatch(/Cost Explorer\s+\d+ requests in \d{4}-\d\d \(\d+ replayed, free\) · \$0\.00/);
  });

  it('--json prints the same figures for scripts', async () => {
    const { code, out } = await run('--demo', '--json', '--data-dir', dataDir);
    expect(code).toBe(0);
    const screen = JSON.parse(out) as { overview: { month: string }; budgets: { name: string }[] };
    expect(screen.overview.month).toBe(months().current);
    expect(screen.budgets.map((b) => b.name)).toEqual(['All of AWS', 'Production']);
  });

  it('--month of a closed month summarises it against the one before', async () => {
    const { last } = months();
    const { code, out } = await run('--demo', '--month', last, '--data-dir', dataDir);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^Demo Shop · AWS cost review for ${last} against \\d{4}-\\d\\d`));
    expect(out).toMatch(/Top increases\n\s+Elastic Load Balancing/);
    expect(out).toMatch(/Cost spikes\n\s+Elastic Load Balancing spent [\d.]+ USD from 10 to 16 /);
    expect(out).toMatch(/Top decreases\n\s+Amazon Relational Database Service/);
  });
});

describe('cockpit cost review', () => {
  it('prints the CSV of last month; a second review of the closed month sends no request', async () => {
    const { last } = months();
    const first = await run('review', '--demo', '--format', 'csv', '--data-dir', dataDir);
    expect(first.code).toBe(0);
    const lines = first.out.split('\r\n');
    expect(lines[0]).toMatch(
      new RegExp(`^section,item,${last},\\d{4}-\\d\\d,delta,change %,% of budget,% of total,note$`),
    );
    expect(lines[1]).toMatch(/^total,All spend \(USD\),\d+\.\d\d,\d+\.\d\d,-?\d+\.\d\d,-?\d+\.\d,,,$/);
    // What the review spent, on stderr so the CSV on stdout stays clean.
    expect(first.err).toMatch(/^This review sent \d+ requests to Cost Explorer \(replayed sample data, \$0\.00\)\.$/);
    expect(lines.filter((l) => l.startsWith('service,')).length).toBeGreaterThan(10);
    expect(lines.some((l) => l.startsWith('budget,All of AWS,'))).toBe(true);

    const sent = ledger();
    const second = await run('review', '--demo', '--month', last, '--format', 'csv', '--data-dir', dataDir);
    expect(second.out).toBe(first.out);
    expect(ledger()).toBe(sent);
    expect(second.err).toBe('This review came from the cache: nothing was sent to Cost Explorer.');
  });

  it('refuses a month Cost Explorer no longer holds before sending anything (exit 2)', async () => {
    for (const args of [
      ['review', '--month', '2020-01'],
      ['--month', '2020-01'],
    ]) {
      const { code, err } = await run(...args, '--demo', '--data-dir', dataDir);
      expect(code).toBe(2);
      expect(err).toMatch(/^cockpit cost: Cost Explorer no longer holds 2020-01: .* Nothing was sent to AWS\./);
    }
    // Refused before the backend opened: no journal, so not a single request.
    expect(existsSync(dataDir)).toBe(false);
  });

  it('writes Markdown to --out and says where', async () => {
    const { last } = months();
    const file = join(dir, 'review.md');
    const { code, out } = await run('review', '--demo', '--month', last, '--out', file, '--data-dir', dataDir);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^Wrote the review of ${last} to ${file}\nThis review sent \\d+ requests`));
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`^# AWS cost review — ${last}\\n`));
  });

  it('--account reviews one account of several; without it, all with a subtotal for each', async () => {
    const { last } = months();
    const samples = join(dir, 'data-samples');
    cpSync(fileURLToPath(new URL('../../resources/demo/cost-samples', import.meta.url)), samples, { recursive: true });
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'name: Two Accounts',
        'environments:',
        '  production: { hosts: [] }',
        'cost:',
        '  accounts:',
        `    - { name: shop, aws: { replay: ${JSON.stringify(fileURLToPath(new URL('../../resources/demo/cost-samples', import.meta.url)))} } }`,
        '    - { name: data, aws: { replay: ./data-samples } }',
      ].join('\n'),
    );
    const all = await run('--workspace', file, '--data-dir', dataDir, '--month', last);
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/· all accounts \(shop, data\)/);
    expect(all.out).toMatch(/^\s+account shop\s+\S/m);
    expect(all.out).toMatch(/^\s+account data\s+\S/m);

    const shop = await run('review', '--account', 'shop', '--workspace', file, '--data-dir', dataDir);
    expect(shop.code).toBe(0);
    expect(shop.out).toMatch(new RegExp(`^# AWS cost review — ${last} \\(account shop\\)\n`));
    expect(shop.out).not.toMatch(/## By account/);

    const unknown = await run('review', '--account', 'web', '--workspace', file, '--data-dir', dataDir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no account "web" in this workspace \(accounts: shop, data\)/);
  });

  it('usage errors exit 2 and say what is expected', async () => {
    const { current } = months();
    const cases: [string[], RegExp][] = [
      [['review', '--format', 'pdf'], /--format expects md or csv, got "pdf"/],
      [['--month', '2026-13'], /--month expects a month such as 2026-10/],
      [['review', '--month', current], /has not ended yet/],
      [['--bogus'], /Unknown option '--bogus'/],
      [['reveiw'], /unknown argument "reveiw" \(did you mean `cockpit cost review`\?\)/],
      [['--out', 'x.md'], /--format and --out are for `cockpit cost review`/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await run('--demo', ...args, '--data-dir', dataDir);
      expect(code, args.join(' ')).toBe(2);
      expect(err).toMatch(message);
    }
  });

  it('a workspace without cost fails with exit 1 and says which key to add', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'version: 1\nname: No Cost\nenvironments:\n  production: { hosts: [] }\n');
    const { code, err } = await run('--workspace', file, '--data-dir', dataDir);
    expect(code).toBe(1);
    expect(err).toMatch(/^cockpit cost: This workspace has no cost section\. Add `cost:` to cockpit\.yaml/);
  });

  it('a broken workspace file fails with exit 1 and points at cockpit validate', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'version: 1\nnmae: Broken\n');
    const { code, err } = await run('review', '--workspace', file, '--data-dir', dataDir);
    expect(code).toBe(1);
    expect(err).toMatch(/has \d+ problem\(s\): run `cockpit validate .*cockpit\.yaml` to see them\./);
  });
});
