/**
 * Another Cockpit process (say the CLI in the middle of a deploy): begins an action, writes a step and some output,
 * prints the action id, then waits without ending it until it is killed — which is how a crash looks to the journal.
 * Run with `node --import tsx journal-child.ts <file>`.
 */
import { openJournal } from '../journal';

const file = process.argv[2];
if (!file) throw new Error('usage: journal-child.ts <journal file>');
const journal = openJournal({ file, actor: 'cli:child' });
const action = journal.begin({ kind: 'deploy.run', title: 'Deploy api to staging', target: 'api@staging' });
action.step('Uploading release 42 to stg-1');
action.output('npm ci\nadded 312 packages\n');
process.stdout.write(`${JSON.stringify({ id: action.id, pid: process.pid })}\n`);
// Stay alive (journal open, action running) until the test kills this process.
setInterval(() => undefined, 60_000);
