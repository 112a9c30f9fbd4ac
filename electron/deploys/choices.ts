/**
 * What a person chooses from before pressing a button: the releases one can deploy (the artifacts folder, the
 * build directory) and the releases one can roll back to (default first, with its label, and what runs where).
 */
import { type DeploySources, type RollbackOptions } from '../../shared/api/deploys';
import { type HostLayout } from './layout';
import { ago } from './labels';
import { type Artifact } from './artifacts';
import { describeHolder } from './lock';
import { parseReleaseId } from './release-id';
import { commonCurrent, mergeReleases } from './release-views';
import { chooseRollbackTarget, releaseLabel } from './rollback-target';
import { type DeployTarget } from './target';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function deploySources(input: {
  service: string;
  config: DeployTarget['config'];
  artifacts: readonly Artifact[];
  artifactsDir: string | null;
  now: Date;
}): DeploySources {
  const { config, now } = input;
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
    });
  }
  let note: string | null = null;
  if (choices.length === 0) {
    note =
      config.strategy === 'script'
        ? 'Type the release your deploy script should deploy (a tag or a commit).'
        : input.artifactsDir
          ? `Nothing in ${input.artifactsDir} yet, and no build: is declared.`
          : 'No artifacts: folder and no build: declared; the whole workspace folder would be uploaded.';
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
      isDefault: r.id === defaultTarget,
    }))
    // The default first, then newest first; releases that cannot be chosen (bad, missing somewhere) stay listed.
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || b.id.localeCompare(a.id));
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
  if (config.strategy === 'releases') steps.push('Mark the release rolled away from BAD_RELEASE');
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
  };
}
