/**
 * What a release choice shows before it is picked (its badges), which choice the Deploy dialog pre-selects (never
 * a bad one or one that failed its gate), and the plan's upload line. Pure, so the rules are tested on their own.
 */
import { type ReleaseBadge, type ReleaseChoice } from '../../../shared/api/deploys';

export const badgeLabel: Record<ReleaseBadge, string> = {
  bad: 'bad',
  'failed-gate': 'failed gate',
  'outside-app': 'outside the app',
  'not-everywhere': 'not on every host',
};

export const badgeClass: Record<ReleaseBadge, string> = {
  bad: 'badge badge-bad',
  'failed-gate': 'badge badge-bad',
  'outside-app': 'badge badge-external',
  'not-everywhere': 'badge badge-external',
};

/** A badge's hover text: what it means for the person choosing. */
export function badgeTitle(badge: ReleaseBadge, missingOn: readonly string[] = []): string {
  switch (badge) {
    case 'bad':
      return 'Marked BAD_RELEASE: it was judged broken (you can clear the mark).';
    case 'failed-gate':
      return 'Its health gate failed when it was deployed.';
    case 'outside-app':
      return 'Put on the hosts outside the app: it never passed a health gate here.';
    case 'not-everywhere':
      return missingOn.length > 0 ? `Missing on ${missingOn.join(', ')}.` : 'Missing on some hosts.';
  }
}

/**
 * The choice the Deploy dialog starts on: the newest with no badge; else the newest that is not bad and did not
 * fail its gate; else none (the person picks one knowingly). Choices come newest first.
 */
export function defaultDeployChoice(choices: readonly Pick<ReleaseChoice, 'id' | 'badges'>[]): string | null {
  const clean = choices.find((c) => c.badges.length === 0);
  if (clean) return clean.id;
  const usable = choices.find((c) => !c.badges.includes('bad') && !c.badges.includes('failed-gate'));
  return usable?.id ?? null;
}

export interface UploadSummary {
  kind: string;
  from: string;
  files: number | null;
  bytes: number | null;
  excluded: ReadonlyArray<{ path: string; why: string }>;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "Uploads 42 files (1.3 MB) from dist/ · 2 left out"; null when the plan says nothing about uploads. */
export function uploadLine(upload: UploadSummary | null | undefined): string | null {
  if (!upload) return null;
  const files =
    upload.kind === 'artifact'
      ? `Uploads ${upload.from}${upload.bytes === null ? '' : ` (${size(upload.bytes)})`}, unpacked on each host`
      : upload.files === null
        ? `Uploads from ${upload.from} (counted after the build)`
        : `Uploads ${upload.files} file${upload.files === 1 ? '' : 's'}${upload.bytes === null ? '' : ` (${size(upload.bytes)})`} from ${upload.from}`;
  return upload.excluded.length > 0 ? `${files} · ${upload.excluded.length} left out` : files;
}
