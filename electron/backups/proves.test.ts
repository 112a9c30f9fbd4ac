import { describe, expect, it } from 'vitest';
import { integrityLabel } from './proves';

describe('what an integrity command proves', () => {
  it('tells pg_restore reading the whole archive from one that only lists it', () => {
    expect(integrityLabel('pg_restore -f /dev/null {file}')).toEqual({
      proves: 'the dump is a complete custom-format archive whose data decompresses',
      doesNotProve: 'the contents were not restored into a database (a restore drill proves that)',
    });
    expect(integrityLabel('pg_restore --list {file}').doesNotProve).toBe(
      'damaged table data is NOT detected — use pg_restore -f /dev/null to read the whole archive',
    );
  });

  it('knows gzip, tar, restic and checksums, and is honest about anything else', () => {
    expect(integrityLabel('gzip -t {file}').proves).toBe('the gzip stream is complete and its checksum matches');
    expect(integrityLabel('tar -tzf {file} > /dev/null').proves).toContain('tar archive');
    expect(integrityLabel('restic check').doesNotProve).toContain('--read-data-subset');
    expect(integrityLabel('restic check --read-data-subset 1/5').proves).toContain('data read back');
    expect(integrityLabel('sha256sum -c {file}.sha256').proves).toContain('byte for byte');
    expect(integrityLabel('./my-check {file}')).toEqual({
      proves: 'the integrity command exited 0 on the newest copy',
      doesNotProve: 'anything the command itself does not check; the copy was not restored',
    });
  });
});
