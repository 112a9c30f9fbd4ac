/**
 * Cost anomalies are alerted once: the first check that finds one (by its id, which holds the series and its first
 * day) notifies; every later check stays quiet, however long the anomaly lasts. Kept per workspace file, like
 * budget alerts, in the cost feature's own table: the INSERT that wins the primary key is the one that notifies, so
 * the app and the CLI running side by side do not both alert.
 */
import { type CostAnomaly } from '../../shared/model/cost';
import { applyFeatureSchema } from '../journal/feature-schema';
import { type Migration } from '../journal/migrations/types';
import { type Database } from './schema';

/**
 * The cost feature's own version track (electron/journal/feature-schema), for tables added after the journal's
 * numbered cost migrations: a new table is a new step here, never a journal migration.
 */
const migrations: Migration[] = [
  {
    version: 1,
    name: 'cost-anomaly-alerts',
    up(db) {
      db.exec(`
        CREATE TABLE cost_anomaly_alerts (
          workspace TEXT NOT NULL,
          id        TEXT NOT NULL,
          excess    TEXT NOT NULL,
          fired_at  TEXT NOT NULL,
          PRIMARY KEY (workspace, id)
        ) STRICT;
      `);
    },
  },
];

export class AnomalyAlertLog {
  constructor(
    private readonly db: Database,
    private readonly workspace: string,
  ) {
    applyFeatureSchema(db, { owner: 'cost', migrations });
  }

  /** Records these anomalies and returns the ones never seen before in this workspace. */
  fire(anomalies: readonly CostAnomaly[], now: Date): CostAnomaly[] {
    const insert = this.db.prepare(
      `INSERT INTO cost_anomaly_alerts (workspace, id, excess, fired_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const fresh: CostAnomaly[] = [];
    const firedAt = now.toISOString();
    this.db.transaction(() => {
      for (const anomaly of anomalies) {
        if (insert.run(this.workspace, anomaly.id, anomaly.excess, firedAt).changes > 0) fresh.push(anomaly);
      }
    })();
    return fresh;
  }
}
