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
/** The line after which inspectScript prints the audit tail as it is. */
const AUDIT_TAIL_TAG = 'audit-tail';

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

/** How much of a marker or lock file inspectScript reads (a hand-made one may hold anything). */
const GOOD_CHARS = 100;
const BAD_CHARS = 600;
const LOCK_CHARS = 4000;

/**
 * `readfirst VAR FILE N`: VAR = FILE's first lines, joined by spaces, cut to about N characters; empty when FILE is
 * missing. Shell builtins only (no head|tr per file), so reading markers costs no process per release.
 */
const READ_FIRST = [
  'readfirst() {',
  '  _v= _l=',
  '  if [ -f "$2" ] && [ -r "$2" ]; then',
  '    while [ ${#_v} -lt "$3" ] && { IFS= read -r _l || [ -n "$_l" ]; }; do _v="${_v:+$_v }$_l"; _l=; done < "$2"',
  '  fi',
  // Cuts a single long line: N "?"s match its first N characters (built only then: a marker is short).
  '  if [ ${#_v} -gt "$3" ]; then',
  '    _q=; while [ ${#_q} -lt "$3" ]; do _q="$_q?"; done',
  '    _v="${_v%"${_v#$_q}"}"',
  '  fi',
  '  eval "$1=\\$_v"',
  '}',
];

/**
 * Creates the base directories when asked and prints the layout, one tagged, tab-separated line each:
 * `base`, `current`, `release <id>`, `good <id> <text>`, `bad <id> <text>`, `mtime <seconds> releases/<id>/`,
 * `lock <info.json>`, then `audit-tail` and the audit log's last lines as they are. The cost does not grow with a process per release: markers are read with
 * builtins and every release's time comes from one `stat` (GNU coreutils and BusyBox both take `-c %Y`).
 */
export function inspectScript(base: string, options: { create: boolean }): string {
  return [
    baseLine(base),
    options.create
      ? 'mkdir -p "$base/releases" "$base/shared" || exit 1'
      : '[ -d "$base" ] || { echo missing; exit 0; }',
    // -P: $PWD is then the physical path, without a `pwd -P` subshell.
    'cd -P "$base" || exit 1',
    // A literal tab and newline: a name holding either would break the one-line-per-fact output.
    "tab='\t' nl='\n'",
    ...READ_FIRST,
    `printf 'base\\t%s\\n' "$PWD"`,
    `printf 'current\\t%s\\n' "$(readlink current 2>/dev/null)"`,
    'set --',
    'for d in releases/*/; do',
    '  [ -d "$d" ] || continue',
    '  id=${d%/}; id=${id#releases/}',
    '  case $id in *"$tab"* | *"$nl"* | "") continue ;; esac',
    '  set -- "$@" "$d"',
    `  printf 'release\\t%s\\n' "$id"`,
    `  readfirst good "\${d}${GOOD_MARKER}" ${GOOD_CHARS}`,
    `  [ -n "$good" ] && printf 'good\\t%s\\t%s\\n' "$id" "$good"`,
    `  if [ -e "\${d}${BAD_MARKER}" ]; then`,
    `    readfirst bad "\${d}${BAD_MARKER}" ${BAD_CHARS}`,
    `    printf 'bad\\t%s\\t%s\\n' "$id" "\${bad:-(no reason given)}"`,
    '  fi',
    'done',
    `[ $# -gt 0 ] && stat -c "mtime\${tab}%Y\${tab}%n" "$@" 2>/dev/null`,
    'if [ -d .cockpit-lock ]; then',
    `  readfirst lock .cockpit-lock/info.json ${LOCK_CHARS}`,
    `  printf 'lock\\t%s\\n' "$lock"`,
    'fi',
    // Last, untagged (no `sed` to tag each line): every line after AUDIT_TAIL_TAG is an audit line.
    `echo ${AUDIT_TAIL_TAG}`,
    `tail -n ${AUDIT_TAIL} ${AUDIT_FILE} 2>/dev/null`,
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

/** "2025-01-02T00:06:00.000Z gate failed: …" → when and why; a hand-written marker may carry only a reason. */
function parseBad(text: string): HostRelease['bad'] {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const [at, ...reason] = trimmed.split(' ');
  const atValid = Boolean(at) && !Number.isNaN(Date.parse(at as string));
  return { at: atValid ? (at as string) : null, reason: (atValid ? reason.join(' ') : trimmed) || 'marked bad' };
}

export function parseInspect(host: string, output: string): HostLayout {
  const layout: HostLayout = { host, base: null, current: null, releases: [], audit: [] };
  const releases = new Map<string, HostRelease>();
  const lines = output.split('\n');
  const tailAt = lines.indexOf(AUDIT_TAIL_TAG);
  for (const line of tailAt < 0 ? [] : lines.slice(tailAt + 1)) {
    const entry = parseAuditLine(line);
    if (entry) layout.audit.push(entry);
  }
  for (const line of tailAt < 0 ? lines : lines.slice(0, tailAt)) {
    const [tag, ...fields] = line.split('\t');
    // Marker and lock text is free-form: a tab in it is read as a space, like the line breaks joined by the script.
    const [first = '', ...rest] = fields;
    const text = rest.join(' ');
    if (tag === 'base') layout.base = fields.join('\t') || null;
    else if (tag === 'current') layout.current = releaseFromLink(fields.join('\t'));
    else if (tag === 'release' && first && !releases.has(first)) {
      releases.set(first, { id: first, goodAt: null, bad: null, mtime: null });
    } else if (tag === 'good') {
      const release = releases.get(first);
      const at = text.trim();
      if (release && at && !Number.isNaN(Date.parse(at))) release.goodAt = at;
    } else if (tag === 'bad') {
      const release = releases.get(first);
      if (release) release.bad = parseBad(text);
    } else if (tag === 'mtime') {
      // `mtime <seconds> releases/<id>/`, from one stat over all releases, after the release lines.
      const release = releases.get(releaseFromLink(rest.join('\t')) ?? '');
      if (release && /^\d+$/.test(first)) release.mtime = new Date(Number(first) * 1000).toISOString();
    } else if (tag === 'lock') {
      layout.lock = { info: parseLockInfo(fields.join(' ')) };
    }
  }
  layout.releases = [...releases.values()].sort((a, b) => a.id.localeCompare(b.id));
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
