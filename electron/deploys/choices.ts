/**
 * What a person chooses from before pressing a button: the releases one can deploy (the artifacts folder, the
 * build directory) and the releases one can roll back to (default first, with its label, and what runs where).
 */
import {
  type DeploySources,
  type MarkEvidence,
  type ReleaseBadge,
  type RollbackOptions,
} from '../../shared/api/deploys';
import { type HostLayout } from './layout';
import { ago } from './labels';
import { type Artifact } from './artifacts';
import { describeHolder } from './lock';
import { parseReleaseId, shortRef } from './release-id';
import { type MergedRelease, commonCurrent, mergeReleases } from './release-views';
import { byCreationNewestFirst } from './retention';
import { chooseRollbackTarget, releaseLabel } from './rollback-target';
import { type DeployTarget } from './target';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What a person should see next to a release before choosing it. */
export function releaseBadges(
  r: Pick<MergedRelease, 'goodAt' | 'bad' | 'everywhere'> & { outsideApp?: boolean },
): ReleaseBadge[] {
  const badges: ReleaseBadge[] = [];
  if (r.bad) badges.push('bad');
  if (r.bad && /health gate/i.test(r.bad.reason) && !/misconfigured/i.test(r.bad.reason)) badges.push('failed-gate');
  // No cockpit deployed it (or, without audit lines to tell, it was never gated nor marked): made by hand.
  if (r.outsideApp ?? (!r.goodAt && !r.bad)) badges.push('outside-app');
  if (!r.everywhere) badges.push('not-everywhere');
  return badges;
}

/** The newest release on the hosts made from this artifact (same name, or a dated id ending in it). */
function deployedAs(name: string, releases: readonly MergedRelease[]): MergedRelease | null {
  const ref = shortRef(name);
  const same = releases.filter((r) => r.id === name || parseReleaseId(r.id).ref === ref);
  return [...same].sort(byCreationNewestFirst)[0] ?? null;
}

export function deploySources(input: {
  service: string;
  config: DeployTarget['config'];
  artifacts: readonly Artifact[];
  artifactsDir: string | null;
  now: Date;
  /** The environment's releases, when the person asked about one: choices carry their badges. */
  releases?: readonly MergedRelease[];
}): DeploySources {
  const { config, now } = input;
  const badgesOf = (name: string): ReleaseBadge[] => {
    const deployed = input.releases ? deployedAs(name, input.releases) : null;
    return deployed ? releaseBadges(deployed) : [];
  };
  const choices: DeploySources['choices'] = input.artifacts.map((a) => ({
    id: `artifact:${a.name}`,
    label: a.name,
    detail: [
      a.kind === 'dir' ? `folder · ${a.files ?? 0} file${a.files === 1 ? '' : 's'}` : 'archive',
      size(a.bytes),
      `made ${ago(now.getTime() - Date.parse(a.modifiedAt))}`,
    ].join(' · '),
    kind: a.kind === 'dir' ? 'dir' : 'artifact',
    release: { ref: a.name },
    modifiedAt: a.modifiedAt,
    badges: badgesOf(a.name),
  }));
  if (config.strategy === 'releases' && config.build) {
    choices.push({
      id: 'build',
      label: config.build.run ? 'Build now' : `Upload ${config.build.dir}`,
      detail: config.build.run
        ? `runs \`${config.build.run}\` in ${config.build.dir}, then uploads ${config.build.upload.join(', ')}`
        : `uploads ${config.build.upload.join(', ')} from ${config.build.dir}`,
      kind: 'build',
      release: {},
      modifiedAt: null,
      badges: [],
    });
  }
  let note: string | null = null;
  if (choices.length === 0) {
    note =
      config.strategy === 'script'
        ? 'Type the release your deploy script should deploy (a tag or a commit).'
        : input.artifactsDir
          ? `Nothing in ${input.artifactsDir} yet, and no build: is declared.`
          : 'No artifacts: folder and no build: declared, so nothing says what a release contains: add one of them to this service’s deploy: section.';
  }
  return {
    service: input.service,
    strategy: config.strategy,
    choices,
    refRequired: config.strategy === 'script',
    note,
  };
}

export function rollbackOptions(input: {
  target: DeployTarget;
  layouts: readonly HostLayout[];
  unreachable: ReadonlyArray<{ host: string; message: string }>;
  now: Date;
  /** What the health history says about the release a rollback would leave. */
  evidence?: MarkEvidence | null;
}): RollbackOptions {
  const { target: t, layouts, now } = input;
  const releases = mergeReleases(layouts, t.hosts);
  const current = commonCurrent(layouts);
  const choice = chooseRollbackTarget(releases, current);
  const defaultTarget = choice.target?.id ?? null;
  const options = releases
    .filter((r) => r.id !== current)
    .map((r) => ({
      id: r.id,
      ref: parseReleaseId(r.id).ref,
      label: releaseLabel(r, releases, now),
      createdAt: r.createdAt,
      healthy: r.goodAt !== null && !r.bad,
      bad: r.bad,
      everywhere: r.everywhere,
      missingOn: r.missingOn,
      isDefault: r.id === defaultTarget,
      badges: releaseBadges(r),
    }))
    // The default first, then newest first; releases that cannot be chosen (bad, missing somewhere) stay listed.
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || byCreationNewestFirst(a, b));
  const evidence = input.evidence ?? null;
  const markBadDefault = evidence?.markBadDefault ?? false;
  const { config } = t;
  const steps: string[] = ['Take the deploy lock on every host'];
  if (config.strategy === 'releases') {
    steps.push('Switch current to the chosen release (one atomic rename)');
    if (config.hooks.afterSwitch) steps.push(`After-switch hook: ${config.hooks.afterSwitch}`);
    if (config.restart) steps.push(`Restart: ${config.restart}`);
  } else {
    steps.push(`Run the rollback script: ${config.rollback}`);
  }
  if (config.gate.length > 0) steps.push(`Health gate: ${config.gate.join(', ')} must pass`);
  if (config.strategy === 'releases' && current) {
    const name = parseReleaseId(current).ref ?? current;
    steps.push(
      markBadDefault
        ? `Mark ${name} BAD_RELEASE (you can choose not to)`
        : `Leave ${name} unmarked (you can mark it bad)`,
    );
  }
  steps.push('Release the lock');
  const held = layouts.find((l) => l.lock !== undefined);
  return {
    service: t.service,
    environment: t.environment,
    strategy: config.strategy,
    protected: t.env.protected,
    current,
    currentByHost: layouts.map((l) => ({ host: l.host, release: l.current })),
    defaultTarget,
    problem: choice.target ? null : (choice.problem ?? 'nothing to roll back to'),
    options,
    steps,
    gate: config.gate,
    unreachable: [...input.unreachable],
    lockedBy: held ? describeHolder(held.host, held.lock?.info ?? null) : null,
    markEvidence: evidence,
    markBadDefault,
  };
}
