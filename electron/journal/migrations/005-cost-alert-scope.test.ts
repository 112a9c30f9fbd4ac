import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, migrations } from '../migrations';
import { useTempDir } from '../test-support/temp-dir';

const tempDir = useTempDir();

describe('migration 005: budget alert state per workspace and account', () => {
  it('keeps alerts fired before the upgrade (workspace unknown) and lets two workspaces share a budget name', () => {
    const db = openDatabase(join(tempDir(), 'journal.db'));
    try {
      migrate(db, migrations.slice(0, 4));
      db.prepare(
        `INSERT INTO cost_budget_alerts (budget, month, threshold, kind, amount, lim, fired_at)
         VALUES ('All of AWS', '2026-11', 'actual 80%', 'actual', '330', '320', '2026-11-19T10:00:00.000Z')`,
      ).run();

      expect(migrate(db).applied).toContain('5-cost-alert-scope');
      expect(db.prepare('SELECT workspace, account, budget, month, threshold FROM cost_budget_alerts').all()).toEqual([
        { workspace: '', account: '', budget: 'All of AWS', month: '2026-11', threshold: 'actual 80%' },
      ]);
      const insert = db.prepare(
        `INSERT INTO cost_budget_alerts (workspace, account, budget, month, threshold, kind, amount, lim, fired_at)
         VALUES (?, ?, 'All of AWS', '2026-12', 'actual 80%', 'actual', '330', '320', 'x')`,
      );
      insert.run('/a/cockpit.yaml', '');
      insert.run('/b/cockpit.yaml', '');
      insert.run('/b/cockpit.yaml', 'shop');
      expect(() => insert.run('/b/cockpit.yaml', 'shop')).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });
});
