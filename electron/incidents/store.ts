/**
 * Incidents in SQLite (tables from schema.ts). What is stored is what happened — times, timeline, the post-mortem a
 * person saved, action items; figures and the post-mortem draft are worked out when read, so they follow the rules
 * in figures.ts and postmortem.ts rather than whatever they were when written.
 */
import { type ActionItem, type IncidentEvent } from '../../shared/model/incidents';
import { type Database } from '../journal/database';

export interface StoredIncident {
  id: string;
  service: string;
  environment: string;
  status: 'open' | 'resolved';
  title: string;
  cause: string | null;
  drillId: string | null;
  startedAt: string;
  openedAt: string;
  alertedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  timeline: IncidentEvent[];
  /** The text a person saved; null while the draft from the timeline stands. */
  postmortem: { saved: string | null; editedAt: string | null; editedBy: string | null };
  actionItems: ActionItem[];
}

interface Row {
  doc: string;
}

export class IncidentStore {
  constructor(private readonly db: Database) {}

  /** False when the pair already has an open incident (another process opened it first). */
  insert(incident: StoredIncident): boolean {
    const info = this.db
      .prepare(
        `INSERT INTO incidents (id, service, environment, status, opened_at, drill_id, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        incident.id,
        incident.service,
        incident.environment,
        incident.status,
        incident.openedAt,
        incident.drillId,
        JSON.stringify(incident),
      );
    return info.changes === 1;
  }

  save(incident: StoredIncident): void {
    this.db
      .prepare('UPDATE incidents SET status = ?, drill_id = ?, doc = ? WHERE id = ?')
      .run(incident.status, incident.drillId, JSON.stringify(incident), incident.id);
  }

  get(id: string): StoredIncident | undefined {
    const row = this.db.prepare('SELECT doc FROM incidents WHERE id = ?').get(id) as Row | undefined;
    return row && parse(row);
  }

  openFor(service: string, environment: string): StoredIncident | undefined {
    const row = this.db
      .prepare("SELECT doc FROM incidents WHERE service = ? AND environment = ? AND status = 'open'")
      .get(service, environment) as Row | undefined;
    return row && parse(row);
  }

  openAll(): StoredIncident[] {
    return (this.db.prepare("SELECT doc FROM incidents WHERE status = 'open'").all() as Row[]).map(parse);
  }

  /** Open incidents first, then the others, newest first. */
  list(limit: number): StoredIncident[] {
    const rows = this.db
      .prepare(
        "SELECT doc FROM incidents ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, opened_at DESC, id DESC LIMIT ?",
      )
      .all(limit) as Row[];
    return rows.map(parse);
  }

  /** Every incident opened at or after this ISO time (for the 30/90-day figures). */
  openedSince(iso: string): StoredIncident[] {
    const rows = this.db
      .prepare('SELECT doc FROM incidents WHERE opened_at >= ? ORDER BY opened_at DESC')
      .all(iso) as Row[];
    return rows.map(parse);
  }

  /** Incidents that may have an action item not done yet (the caller checks each item), newest first. */
  withOpenItems(): StoredIncident[] {
    return (
      this.db
        .prepare(`SELECT doc FROM incidents WHERE doc LIKE '%"done":false%' ORDER BY opened_at DESC`)
        .all() as Row[]
    ).map(parse);
  }
}

function parse(row: Row): StoredIncident {
  return JSON.parse(row.doc) as StoredIncident;
}
