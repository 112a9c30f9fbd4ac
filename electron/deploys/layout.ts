/**
 * The `releases` layout on a host, as shell commands and as data:
 *
 *   <path>/releases/<id>/          one directory per release (BAD_RELEASE and .cockpit-good markers inside)
 *   <path>/shared/<p>              data that survives a switch, linked into each release
 *   <path>/current -> releases/<id>   switched atomically (ln -sfn to a temp name, then mv -T over `current`)
 *   <path>/.cockpit-lock/info.json    the deploy lock
 *   <path>/.cockpit-audit.log         the audit log
 *
 * Every value that reaches the shell is quoted here; the parse functions read what `inspectScript` prints.
 */
import { type LockInfo } from '../../shared/model/deploys';
import { type AuditEntry, formatAuditLine, parseAuditLine } from './audit';
import { parseLockInfo } from './lock';
import { quotePath, sh } from '../remote/quote';

export const BAD_MARKER = 'BAD_RELEASE';
export const GOOD_MARKER = '.cockpit-good';
export const AUDIT_FILE = '.cockpit-audit.log';
/** How many of the audit log's last lines inspectScript reads. */
export const AUDIT_TAIL = 400;

/** `base=<path>` as the first line of a script, so the rest can say "$base" (`~/…` expands on the host). */
function baseLine(base: string): string {
  return `base=${quotePath(base)}`;
}

export interface HostRelease {
  id: string;
  /** When it passed its gate (the .cockpit-good marker). */
  goodAt: string | null;
  bad: { at: string | null; reason: string } | null;
  /** Directory time, for ids that carry none. */
  mtime: string | null;
}

export interface HostLayout {
  host: string;
  /** Absolute path of the base directory, or null when it does not exist. */
  base: string | null;
  current: string | null;
  releases: HostRelease[];
  audit: AuditEntry[];
  /** The deploy lock, when one is held (read with the rest, so the history view shows who holds it). */
  lock?: { info: Partial<LockInfo> | null };
}

/** Creates the base directories when asked and prints the layout: current, releases with markers, audit tail. */
export function inspectScript(base: string, options: { create: boolean }): string {
  return [
    baseLine(base),
    options.create
      ? 'mkdir -p "$base/releases" "$base/shared" || exit 1'
      : '[ -d "$base" ] || { echo missing; exit 0; }',
    'cd "$base" || exit 1',
    `printf 'base\\t%s\\n' "$(pwd -P)"`,
    `printf 'current\\t%s\\n' "$(readlink current 2>/dev/null)"`,
    'for d in releases/*/; do',
    '  [ -d "$d" ] || continue',
    '  id=$(basename "$d")',
    `  good=$(head -c 100 "\${d}${GOOD_MARKER}" 2>/dev/null | tr '\\t\\n' '  ')`,
    `  bad=$(head -c 600 "\${d}${BAD_MARKER}" 2>/dev/null | tr '\\t\\n' '  ')`,
    `  [ -e "\${d}${BAD_MARKER}" ] && [ -z "$bad" ] && bad='(no reason given)'`,
    '  mtime=$(stat -c %Y "$d" 2>/dev/null)',
    `  printf 'release\\t%s\\t%s\\t%s\\t%s\\n' "$id" "$good" "$bad" "$mtime"`,
    'done',
    `tail -n ${AUDIT_TAIL} ${AUDIT_FILE} 2>/dev/null | sed 's/^/audit\\t/'`,
    `[ -d .cockpit-lock ] && printf 'lock\\t%s\\n' "$(head -c 4000 .cockpit-lock/info.json 2>/dev/null | tr '\\t\\n' '  ')"`,
    'exit 0',
  ].join('\n');
}

/** `current` may point at `releases/<id>`, `./releases/<id>/` or an absolute path; the id is its last part. */
export function releaseFromLink(link: string): string | null {
  const trimmed = link.trim().replace(/\/+$/, '');
  if (!trimmed) return null;
  const parts = trimmed.split('/');
  return parts[parts.length - 1] || null;
}

export function parseInspect(host: string, output: string): HostLayout {
  const layout: HostLayout = { host, base: null, current: null, releases: [], audit: [] };
  for (const line of output.split('\n')) {
    const [tag, ...fields] = line.split('\t');
    if (tag === 'base') layout.base = fields.join('\t') || null;
    else if (tag === 'current') layout.current = releaseFromLink(fields.join('\t'));
    else if (tag === 'release' && fields[0]) {
      const [id, good, bad, mtime] = fields as [string, string?, string?, string?];
      const [badAt, ...reason] = (bad ?? '').trim().split(' ');
      const badAtValid = badAt && !Number.isNaN(Date.parse(badAt));
      layout.releases.push({
        id,
        goodAt: good && !Number.isNaN(Date.parse(good.trim())) ? good.trim() : null,
        bad: bad?.trim()
          ? {
              at: badAtValid ? (badAt as string) : null,
              reason: (badAtValid ? reason.join(' ') : bad.trim()) || 'marked bad',
            }
          : null,
        mtime: mtime && /^\d+$/.test(mtime.trim()) ? new Date(Number(mtime.trim()) * 1000).toISOString() : null,
      });
    } else if (tag === 'lock') {
      layout.lock = { info: parseLockInfo(fields.join('\t')) };
    } else if (tag === 'audit') {
      const entry = parseAuditLine(fields.join('\t'));
      if (entry) layout.audit.push(entry);
    }
  }
  layout.releases.sort((a, b) => a.id.localeCompare(b.id));
  return layout;
}

/** Points `current` at a release in one rename: there is no moment without a `current`. */
export function switchScript(base: string, id: string): string {
  return [
    baseLine(base),
    'cd "$base" || exit 1',
    sh`[ -d releases/${id} ] || { echo release ${id} is missing >&2; exit 3; }`,
    sh`ln -sfn releases/${id} current.tmp && mv -T current.tmp current`,
  ].join('\n');
}

/**
 * Runs `lines` (which write a marker into the release directory) without changing the directory's time: a release
 * made outside the app has no time in its name, and its directory's mtime is its age. Writing a marker would make
 * a 12-minute-old release read "just now".
 */
function keepingDirTime(id: string, lines: string[]): string[] {
  return [
    sh`d="$base"/releases/${id}`,
    'ref="$base/.cockpit-mtime.$$"',
    '[ -d "$d" ] && touch -r "$d" "$ref" 2>/dev/null',
    ...lines,
    'rc=$?',
    '[ -e "$ref" ] && { touch -r "$ref" "$d" 2>/dev/null; rm -f "$ref"; }',
    'exit $rc',
  ];
}

export function markBadScript(base: string, id: string, at: string, reason: string): string {
  return [
    baseLine(base),
    ...keepingDirTime(id, [
      sh`[ -d "$d" ] && printf '%s\n' ${`${at} ${reason.replace(/[\r\n\t]+/g, ' ')}`} > "$d"/${BAD_MARKER}`,
      'true',
    ]),
  ].join('\n');
}

/** Removes the BAD_RELEASE marker (a person decided the release was not to blame); prints `cleared` when it did. */
export function clearMarkScript(base: string, id: string): string {
  return [
    baseLine(base),
    ...keepingDirTime(id, [
      sh`if [ -e "$d"/${BAD_MARKER} ]; then rm -f "$d"/${BAD_MARKER} && echo cleared; else echo unmarked; fi`,
    ]),
  ].join('\n');
}

export function markGoodScript(base: string, id: string, at: string): string {
  // The first time a release passed its gate is what "healthy for 3 days" counts from: never overwrite it.
  return [
    baseLine(base),
    ...keepingDirTime(id, [sh`f="$d"/${GOOD_MARKER}`, sh`[ -e "$f" ] || printf '%s\n' ${at} > "$f"`, 'true']),
  ].join('\n');
}

export function pruneScript(base: string, ids: readonly string[]): string {
  if (ids.length === 0) return 'true';
  return [baseLine(base), 'cd "$base/releases" || exit 1', sh`rm -rf -- ${[...ids]}`].join('\n');
}

/** Links each shared path into the release (creating shared/<p> as a directory the first time). */
export function linkSharedScript(base: string, id: string, paths: readonly string[]): string {
  const lines = [baseLine(base), 'cd "$base" || exit 1'];
  for (const p of paths) {
    const parent = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
    lines.push(sh`[ -e shared/${p} ] || mkdir -p shared/${p}`);
    if (parent) lines.push(sh`mkdir -p releases/${id}/${parent}`);
    lines.push(sh`rm -rf releases/${id}/${p} && ln -s "$base"/shared/${p} releases/${id}/${p}`);
  }
  return lines.join('\n');
}

export function auditScript(base: string, entry: AuditEntry): string {
  return [
    baseLine(base),
    'mkdir -p "$base" || exit 1',
    sh`printf '%s\n' ${formatAuditLine(entry)} >> "$base"/${AUDIT_FILE}`,
  ].join('\n');
}

/** Unpacks an uploaded artifact into the release directory and removes the archive. */
export function unpackScript(releaseDir: string, archive: string): string {
  return sh`tar -xzf ${archive} -C ${releaseDir} && rm -f ${archive}`;
}
