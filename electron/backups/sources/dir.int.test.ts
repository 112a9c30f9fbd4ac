import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirSourceSchema } from '../../../shared/workspace/backups';
import { type SshdFleet, startSshdFleet } from '../../../test/support/sshd';
import { findTool, hasTools } from '../../../test/support/system-tool';
import { type TransportRegistry } from '../../remote/registry';
import { dirKind } from './dir';
import { at, testSourceContext } from './testing/context';
import { sshdTransports } from '../../remote/testing/sshd-transports';

/** Writes a series of dumps a day apart (newest last), plus files the glob or the type must leave out. */
function writeSeries(dir: string) {
  mkdirSync(join(dir, 'nested.dump'), { recursive: true });
  const day = 86_400;
  const base = Date.parse('2026-12-01T02:00:00Z') / 1000;
  const files = [
    { name: 'orders-1.dump', size: 1000, at: base },
    { name: 'orders 2.dump', size: 2000, at: base + day },
    { name: 'orders-3.dump', size: 3000, at: base + 2 * day },
    { name: 'notes.txt', size: 10, at: base + 3 * day },
  ];
  for (const file of files) {
    const path = join(dir, file.name);
    writeFileSync(path, Buffer.alloc(file.size, 7));
    utimesSync(path, file.at, file.at);
  }
  writeFileSync(join(dir, 'nested.dump', 'inner.dump'), 'x');
}

const expected = [
  { id: 'orders-3.dump', time: '2026-12-03T02:00:00.000Z', size: 3000 },
  { id: 'orders 2.dump', time: '2026-12-02T02:00:00.000Z', size: 2000 },
  { id: 'orders-1.dump', time: '2026-12-01T02:00:00.000Z', size: 1000 },
];

describe('the dir source on this machine', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-dir-source-'));
    writeSeries(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the matching regular files with size and time, newest first, in one command', async () => {
    const ctx = testSourceContext();
    const copies = await dirKind.list(dirSourceSchema.parse({ dir, match: '*.dump' }), ctx);
    expect(copies).toEqual(expected.map((c) => ({ ...c, location: join(dir, c.id) })));
    expect(ctx.execs).toHaveLength(1);
  });

  it('lists every regular file with the default pattern, and none in an empty folder', async () => {
    const all = await dirKind.list(dirSourceSchema.parse({ dir }), testSourceContext());
    expect(all.map((c) => c.id)).toEqual(['notes.txt', 'orders-3.dump', 'orders 2.dump', 'orders-1.dump']);
    const empty = join(dir, 'nested.dump', 'empty');
    mkdirSync(empty);
    await expect(dirKind.list(dirSourceSchema.parse({ dir: empty }), testSourceContext())).resolves.toEqual([]);
  });

  it('says a missing folder does not exist on this machine', async () => {
    await expect(dirKind.list(dirSourceSchema.parse({ dir: join(dir, 'gone') }), testSourceContext())).rejects.toThrow(
      `The folder ${join(dir, 'gone')} does not exist on this machine.`,
    );
  });

  it('lists the same with BSD tools (find without -printf, stat -f)', async () => {
    const bin = join(dir, 'nested.dump', 'bsd-bin');
    mkdirSync(bin);
    const find = findTool('find');
    const stat = findTool('stat');
    // Stand-ins that behave as BSD's: find refuses -printf; stat takes -f with %z (size) and %m (mtime).
    writeFileSync(
      join(bin, 'find'),
      `#!/bin/sh\nfor a; do [ "$a" = -printf ] && { echo "find: -printf: unknown primary or operator" >&2; exit 1; }; done\nexec ${find} "$@"\n`,
      { mode: 0o755 },
    );
    writeFileSync(
      join(bin, 'stat'),
      `#!/bin/sh\n[ "$1" = -f ] || exit 1\ncase "$2" in %z) f=%s;; %m) f=%Y;; *) exit 1;; esac\nexec ${stat} -c "$f" "$3"\n`,
      { mode: 0o755 },
    );
    const ctx = testSourceContext({ localEnv: { PATH: `${bin}:${process.env.PATH ?? ''}` } });
    const copies = await dirKind.list(dirSourceSchema.parse({ dir, match: '*.dump' }), ctx);
    expect(copies).toEqual(expected.map((c) => ({ ...c, location: join(dir, c.id) })));
  });

  it('hashes a copy with sha256', async () => {
    const source = dirSourceSchema.parse({ dir, match: 'orders-1.dump' });
    const ctx = testSourceContext();
    const copy = at(await dirKind.list(source, ctx), 0);
    const want = createHash('sha256').update(Buffer.alloc(1000, 7)).digest('hex');
    await expect(dirKind.checksum(source, copy, ctx)).resolves.toBe(`sha256:${want}`);
  });
});

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('the dir source over real SSH', () => {
  let fleet: SshdFleet;
  let transports: TransportRegistry;

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 1, prefix: 'backup' });
    transports = sshdTransports(fleet).registry;
    writeSeries(join(at(fleet.hosts, 0).home, 'backups', 'orders'));
  });
  afterAll(async () => {
    await transports?.closeAll();
    await fleet?.stop();
  });

  const context = () => testSourceContext({ transportFor: (host) => transports.get(host) });

  it("lists ~/ folders in the host's home with sizes and times, in one remote command", async () => {
    const host = at(fleet.hosts, 0);
    const ctx = context();
    const source = dirSourceSchema.parse({ dir: '~/backups/orders', host: host.name, match: 'orders*' });
    const copies = await dirKind.list(source, ctx);
    expect(copies).toEqual(expected.map((c) => ({ ...c, location: join(host.home, 'backups', 'orders', c.id) })));
    expect(ctx.execs.map((e) => e.host)).toEqual([host.name]);
    await expect(dirKind.checksum(source, at(copies, 1), ctx)).resolves.toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('says the folder does not exist on the host', async () => {
    const host = at(fleet.hosts, 0);
    await expect(dirKind.list(dirSourceSchema.parse({ dir: '~/nowhere', host: host.name }), context())).rejects.toThrow(
      `The folder ~/nowhere does not exist on ${host.name}.`,
    );
  });
});
