/**
 * The action log. Rows are only ever appended: an action's status, end time and summary are read from its result
 * entry (the `action_status` view), never written back into `actions`. Triggers make the rule hold for every
 * writer, not just this code. `settings` is the one table that is updated in place.
 */
import { type Migration } from './types';

export const journal001: Migration = {
  version: 1,
  name: 'journal',
  up(db) {
    db.exec(`
      CREATE TABLE actions (
        id         TEXT PRIMARY KEY,
        kind       TEXT NOT NULL,
        title      TEXT NOT NULL,
        target     TEXT,
        actor      TEXT NOT NULL,
        -- pid and boot_id tell recovery whether the process that began an action is still running it.
        pid        INTEGER NOT NULL,
        boot_id    TEXT NOT NULL,
        started_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE action_entries (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        action_id TEXT NOT NULL REFERENCES actions (id),
        at        TEXT NOT NULL,
        phase     TEXT NOT NULL CHECK (phase IN ('intent', 'step', 'output', 'result')),
        message   TEXT NOT NULL,
        data      TEXT CHECK (data IS NULL OR json_valid(data)),
        -- Only result entries carry a status; it is how the action's status is derived.
        status    TEXT CHECK (status IN ('succeeded', 'failed', 'cancelled', 'interrupted')),
        CHECK ((phase = 'result') = (status IS NOT NULL))
      ) STRICT;

      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Listing newest first, all kinds or one kind; id breaks ties between actions begun in the same millisecond.
      CREATE INDEX actions_newest ON actions (started_at DESC, id DESC);
      CREATE INDEX actions_kind_newest ON actions (kind, started_at DESC, id DESC);
      CREATE INDEX action_entries_by_action ON action_entries (action_id, seq);
      -- One intent and at most one result per action, even with two processes racing (e.g. both recovering).
      CREATE UNIQUE INDEX action_entries_one_intent ON action_entries (action_id) WHERE phase = 'intent';
      CREATE UNIQUE INDEX action_entries_one_result ON action_entries (action_id) WHERE phase = 'result';

      CREATE TRIGGER actions_append_only_update BEFORE UPDATE ON actions
      BEGIN SELECT RAISE(ABORT, 'journal actions are append-only'); END;
      CREATE TRIGGER actions_append_only_delete BEFORE DELETE ON actions
      BEGIN SELECT RAISE(ABORT, 'journal actions are append-only'); END;
      CREATE TRIGGER action_entries_append_only_update BEFORE UPDATE ON action_entries
      BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
      -- Pruning old output chunks is the one deletion (they are the bulk of the file); the record itself stays.
      CREATE TRIGGER action_entries_keep_record BEFORE DELETE ON action_entries WHEN OLD.phase <> 'output'
      BEGIN SELECT RAISE(ABORT, 'only output entries may be pruned from the journal'); END;

      CREATE VIEW action_status AS
      SELECT a.id, a.kind, a.title, a.target, a.actor, a.pid, a.boot_id, a.started_at,
             r.at AS ended_at,
             r.message AS summary,
             coalesce(r.status, 'running') AS status
      FROM actions AS a
      LEFT JOIN action_entries AS r ON r.action_id = a.id AND r.phase = 'result';
    `);
  },
};
