import { type Database } from '../database';

/**
 * One step of the journal's schema. Versions start at 1 and go up by one; a released migration is never edited
 * (users' files have already run it): change the schema with a new one.
 */
export interface Migration {
  version: number;
  /** kebab-case, shown in errors and stored in schema_migrations. */
  name: string;
  /** Runs inside a transaction with the migration's bookkeeping row: all of it lands, or none of it. */
  up(db: Database): void;
  /**
   * Set when `up` rebuilds a table (create new, copy, drop old, rename): SQLite cannot switch foreign keys off
   * inside a transaction, so the runner does it around the transaction and runs `foreign_key_check` afterwards.
   */
  foreignKeysOff?: boolean;
}
