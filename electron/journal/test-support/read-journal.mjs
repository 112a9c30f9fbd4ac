// A second process reading the journal, as another Cockpit process (the CLI) would. Plain Node's built-in driver,
// not the app's wrapper: this is a separate program and must not share the app's code to prove the file is sound.
// Prints what it sees as one line of JSON. Usage: node read-journal.mjs <file> <action id>
import { DatabaseSync } from 'node:sqlite';

const [file, actionId] = process.argv.slice(2);
const db = new DatabaseSync(file, { readOnly: true });
const action =
  db.prepare('SELECT id, kind, title, status, summary FROM action_status WHERE id = ?').get(actionId) ?? null;
const entries = db.prepare('SELECT phase, message FROM action_entries WHERE action_id = ? ORDER BY seq').all(actionId);
db.close();
console.log(JSON.stringify({ action, entries }));
