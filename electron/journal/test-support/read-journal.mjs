// A second process reading the journal with plain better-sqlite3, as another Cockpit process (the CLI) would.
// Prints what it sees as one line of JSON. Usage: node read-journal.mjs <file> <action id>
import Database from 'better-sqlite3';

const [file, actionId] = process.argv.slice(2);
const db = new Database(file, { readonly: true, fileMustExist: true });
const action =
  db.prepare('SELECT id, kind, title, status, summary FROM action_status WHERE id = ?').get(actionId) ?? null;
const entries = db.prepare('SELECT phase, message FROM action_entries WHERE action_id = ? ORDER BY seq').all(actionId);
db.close();
console.log(JSON.stringify({ action, entries }));
