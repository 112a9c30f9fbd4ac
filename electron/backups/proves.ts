/**
 * What an integrity command proves, in words, and — just as important — what it does not. People ask exactly this
 * of their backup checks (wal-g#1084); `pg_restore --list` in particular passes a dump whose table data is damaged.
 * Unknown commands get an honest generic label rather than a guess.
 */

export interface ProofLabel {
  proves: string;
  doesNotProve: string;
}

interface KnownCommand extends ProofLabel {
  /** Matched against the command line as the workspace wrote it (placeholders unfilled). */
  pattern: RegExp;
}

const known: KnownCommand[] = [
  {
    pattern: /\bpg_restore\b(?=.*\s(-l|--list)\b)/,
    proves: 'only the header and table of contents of the dump could be read',
    doesNotProve: 'damaged table data is NOT detected — use pg_restore -f /dev/null to read the whole archive',
  },
  {
    pattern: /\bpg_restore\b(?=.*(\s-f\s*\/dev\/null|\s--file[= ]\/dev\/null))/,
    proves: 'the dump is a complete custom-format archive whose data decompresses',
    doesNotProve: 'the contents were not restored into a database (a restore drill proves that)',
  },
  {
    pattern: /\b(gzip|gunzip|pigz)\s+(-\w*t\w*|--test)\b/,
    proves: 'the gzip stream is complete and its checksum matches',
    doesNotProve: 'what is inside the archive is usable (it was not restored)',
  },
  {
    pattern: /\b(zstd|unzstd)\s+(-\w*t\w*|--test)\b/,
    proves: 'the zstd stream is complete and its checksums match',
    doesNotProve: 'what is inside the archive is usable (it was not restored)',
  },
  {
    pattern: /\btar\s+(-?\w*t\w*|--list)\b/,
    proves: 'the tar archive can be read to its end and lists its files',
    doesNotProve: "the files' contents are correct (they were not extracted or compared)",
  },
  {
    pattern: /\brestic\b.*\bcheck\b(?=.*--read-data)/,
    proves: "the repository's structure is consistent and the data read back matches its hashes",
    doesNotProve: 'a restore works end to end (a restore drill proves that)',
  },
  {
    pattern: /\brestic\b.*\bcheck\b/,
    proves: "the repository's index and structure are consistent",
    doesNotProve: 'the data packs were read back (add --read-data-subset for that)',
  },
  {
    pattern: /\b(sha256sum|sha512sum|shasum|md5sum|b2sum)\b.*\s(-c|--check)\b/,
    proves: 'the copy is byte for byte the file its checksum was taken of',
    doesNotProve: 'the file was good when the checksum was taken, or that it restores',
  },
];

const generic: ProofLabel = {
  proves: 'the integrity command exited 0 on the newest copy',
  doesNotProve: 'anything the command itself does not check; the copy was not restored',
};

export function integrityLabel(command: string): ProofLabel {
  const match = known.find((entry) => entry.pattern.test(command));
  return match ? { proves: match.proves, doesNotProve: match.doesNotProve } : generic;
}
