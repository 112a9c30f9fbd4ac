// Journal throughput and read latency: how many actions per second the journal records (each write its own
// committed transaction, as in the app), and how long the Activity screen's first page and one action's detail take
// to read from a journal holding many actions. Run by `npm run bench` (under tsx, which loads the TypeScript).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../electron/journal/journal';

const ACTIONS = Number(process.env.JOURNAL_BENCH_ACTIONS ?? 5_000);
const dir = mkdtempSync(join(tmpdir(), 'cockpit-journal-bench-'));
const file = join(dir, 'journal.db');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  const journal = openJournal({ file, actor: 'bench' });
  const writeStart = performance.now();
  let lastId = '';
  for (let i = 0; i < ACTIONS; i++) {
    const action = journal.begin({
      kind: i % 4 === 0 ? 'deploy.run' : 'health.check',
      title: `action ${i}`,
      target: 'api@staging',
    });
    action.step('Uploading release', { host: 'web-1' });
    action.output(`line ${i}\n`.repeat(20));
    action.succeed('done');
    lastId = action.id;
  }
  const writeMs = performance.now() - writeStart;
  const writes = ACTIONS * 4;

  const listTimes = [];
  const kindTimes = [];
  const getTimes = [];
  for (let i = 0; i < 50; i++) {
    let t = performance.now();
    journal.list({ limit: 100 });
    listTimes.push(performance.now() - t);
    t = performance.now();
    journal.list({ limit: 100, kind: 'deploy.run', before: lastId });
    kindTimes.push(performance.now() - t);
    t = performance.now();
    journal.get(lastId);
    getTimes.push(performance.now() - t);
  }
  const recoverStart = performance.now();
  journal.recoverInterrupted();
  const recoverMs = performance.now() - recoverStart;
  journal.close();

  console.log(`journal: ${ACTIONS} actions (${writes} committed writes) in ${writeMs.toFixed(0)} ms`);
  console.log(
    `  ${(ACTIONS / (writeMs / 1000)).toFixed(0)} actions/s, ${((writeMs * 1000) / writes).toFixed(0)} µs per write`,
  );
  console.log(`  list first page (100), median of 50: ${median(listTimes).toFixed(2)} ms`);
  console.log(`  list by kind with before, median of 50: ${median(kindTimes).toFixed(2)} ms`);
  console.log(`  get one action with entries, median of 50: ${median(getTimes).toFixed(2)} ms`);
  console.log(`  recoverInterrupted over ${ACTIONS} actions: ${recoverMs.toFixed(1)} ms`);
  console.log(`  file size: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
