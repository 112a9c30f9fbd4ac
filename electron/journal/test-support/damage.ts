/** Making journals to damage: a few MB of realistic actions, then pages overwritten with noise mid-file. */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { openJournal } from '../journal';

/** A journal of `actions` deploys with steps and output (about 1 MB per 40 actions), closed and checkpointed. */
export function writeJournal(file: string, actions = 80): string[] {
  const journal = openJournal({ file });
  const ids: string[] = [];
  journal.db.transaction(() => {
    for (let n = 0; n < actions; n++) {
      const run = journal.begin({ kind: 'deploy.run', title: `Deploy api #${n}`, target: 'api@staging' });
      for (let s = 0; s < 5; s++) run.step(`step ${s} of deploy ${n}`);
      for (let o = 0; o < 20; o++) run.output(`npm ci\nadded ${n * 100 + o} packages in 4s\n`.repeat(30));
      run.succeed(`Deployed release ${n}`);
      ids.push(run.id);
    }
  })();
  journal.close();
  return ids;
}

/**
 * Overwrites `blocks` whole pages between a quarter and three quarters into the file with random bytes, as a
 * failing disk or a stray write would. The first byte of each is made an impossible b-tree page type, so every
 * block is a page SQLite must notice (a random byte is a valid type one time in 64).
 */
export function overwriteBlocksMidFile(file: string, blocks = 4, pageSize = 4096): void {
  const fd = openSync(file, 'r+');
  try {
    const pages = Math.floor(fstatSync(fd).size / pageSize);
    for (let i = 0; i < blocks; i++) {
      const page = Math.floor(pages / 4 + ((i + 0.5) * pages) / 2 / blocks);
      const noise = randomBytes(pageSize);
      noise[0] = 0xa5;
      writeSync(fd, noise, 0, pageSize, page * pageSize);
    }
  } finally {
    closeSync(fd);
  }
}
