/**
 * TEST CODE ONLY — fakes for the backups engine's unit tests: a source kind answering from a list, a SourceContext
 * whose commands answer as the test says, and an in-memory journal file with the feature's tables.
 */
import { type BackupCopy, type VerificationCheck } from '../../shared/model/backups';
import { type BackupConfig, backupSchema } from '../../shared/workspace/backups';
import { Database } from '../journal/sqlite';
import { type ExecResult } from '../remote/types';
import { BackupHistory } from './history';
import { migrateBackups } from './schema';
import { type TestSourceContext } from './sources/testing/context';
import { scriptedContext } from './sources/testing/fake';
import { SourceError, type SourceKind } from './sources/types';

export function memoryHistory(): { db: Database; history: BackupHistory } {
  const db = new Database(':memory:');
  migrateBackups(db);
  return { db, history: new BackupHistory(db) };
}

export function backupConfig(extra: Record<string, unknown> = {}): BackupConfig {
  return backupSchema.parse({ id: 'orders', source: { dir: '/srv/backups/orders', host: 'db-1' }, ...extra });
}

export interface FakeKindOptions {
  copies?: BackupCopy[] | (() => BackupCopy[]);
  listError?: string;
  native?: Omit<VerificationCheck, 'durationMs'>;
}

export function fakeKind(options: FakeKindOptions): SourceKind {
  return {
    kind: 'dir',
    accepts: (source): source is BackupConfig['source'] => 'dir' in source,
    hostOf: () => 'db-1',
    listProves: { proves: 'the files are there', doesNotProve: 'that they restore' },
    async list() {
      if (options.listError) throw new SourceError(options.listError, { command: 'find …', exitCode: 255 });
      return typeof options.copies === 'function' ? options.copies() : (options.copies ?? []);
    },
    ...(options.native
      ? { nativeCheck: async () => ({ ...(options.native as Omit<VerificationCheck, 'durationMs'>), durationMs: 5 }) }
      : {}),
  };
}

/** Copies every `everyMs` back from `newest`, newest first, all `size` bytes unless `sizes` says otherwise. */
export function series(newest: Date, count: number, everyMs: number, size = 15_000_000, sizes: number[] = []) {
  return Array.from({ length: count }, (_, i): BackupCopy => {
    const time = new Date(newest.getTime() - i * everyMs).toISOString();
    const id = `orders-${time.slice(0, 13)}.dump`;
    return { id, time, size: sizes[i] ?? size, location: `/srv/backups/orders/${id}` };
  });
}

/** A scripted SourceContext (sources/testing/fake.ts) on the test's clock; `execs` records what ran. */
export function fakeContext(
  now: () => Date,
  answer: (command: string) => Partial<ExecResult> = () => ({}),
): TestSourceContext {
  return { ...scriptedContext(answer, { secret: 'secret' }), now };
}
