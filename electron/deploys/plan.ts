/**
 * The plan shown before Deploy is pressed: hosts, rolling batches and the steps in order. Pure, so what the
 * person approves and what the engine runs come from the same function (strategies call it too).
 */
import { formatBytes } from '../../shared/text/bytes';
import { type DeployPlan, type PlanUpload } from '../../shared/model/deploys';
import { inBatches } from '../runbooks/runbook';
import { describeExcluded } from './deny-list';
import { shortRef } from './release-id';
import { type DeployTarget } from './target';

export function buildDeployPlan(
  target: DeployTarget,
  releaseId: string,
  ref: string | null,
  /**
   * `build: false` when a ready-made release is shipped instead of building one; `commit`: the full sha a git ref
   * names, when that commit (not the working tree) is exported and built; `upload`: what will be uploaded.
   */
  options: { build?: boolean; commit?: string | null; upload?: PlanUpload | null } = {},
): DeployPlan {
  const { config } = target;
  const commit = options.commit ?? null;
  const steps: DeployPlan['steps'] = [
    { id: 'lock', title: 'Take the deploy lock on every host', scope: 'once', command: null },
  ];
  if (config.strategy === 'releases') {
    if (commit) {
      steps.push(
        { id: 'resolve', title: `Resolve ${ref ?? commit} to a commit`, scope: 'once', command: null },
        {
          id: 'export',
          title: `Export commit ${shortRef(commit)} into a temporary folder`,
          scope: 'once',
          command: null,
        },
      );
    }
    if (config.build?.run && options.build !== false)
      steps.push({ id: 'build', title: 'Build locally', scope: 'once', command: config.build.run });
    steps.push(
      { id: 'inspect', title: 'Read each host’s releases', scope: 'once', command: null },
      { id: 'upload', title: `Upload into releases/${releaseId}`, scope: 'each-host', command: null },
    );
    if (config.shared.length > 0) {
      steps.push({
        id: 'shared',
        title: `Link shared: ${config.shared.join(', ')}`,
        scope: 'each-host',
        command: null,
      });
    }
    if (config.hooks.beforeSwitch) {
      steps.push({
        id: 'before-switch',
        title: 'Before-switch hook',
        scope: 'each-host',
        command: config.hooks.beforeSwitch,
      });
    }
    steps.push({ id: 'switch', title: `Switch current to ${releaseId}`, scope: 'each-host', command: null });
    if (config.hooks.afterSwitch) {
      steps.push({
        id: 'after-switch',
        title: 'After-switch hook',
        scope: 'each-host',
        command: config.hooks.afterSwitch,
      });
    }
    if (config.restart) steps.push({ id: 'restart', title: 'Restart', scope: 'each-host', command: config.restart });
  } else {
    steps.push({
      id: 'deploy',
      title: `Run the deploy script for ${releaseId}`,
      scope: 'each-host',
      command: config.deploy,
    });
  }
  if (config.gate.length > 0) {
    steps.push({ id: 'gate', title: `Health gate: ${config.gate.join(', ')}`, scope: 'each-host', command: null });
  }
  steps.push({
    id: 'finish',
    title:
      config.strategy === 'releases'
        ? `Mark healthy, keep ${config.keep} releases, release the lock`
        : 'Release the lock',
    scope: 'once',
    command: null,
  });
  return {
    service: target.service,
    environment: target.environment,
    strategy: config.strategy,
    protected: target.env.protected,
    releaseId,
    ref,
    commit,
    hosts: target.hosts,
    batches: inBatches(target.hosts, config.batch),
    steps,
    gate: config.gate,
    gateTimeoutMs: config.gateTimeout,
    keep: config.strategy === 'releases' ? config.keep : null,
    upload: config.strategy === 'releases' ? (options.upload ?? null) : null,
  };
}

/**
 * The plan's upload in one line: "Upload: 42 files, 1.3 MB from dist/ (2 left out: .env — not under shared:,
 * id_rsa — private key)"; the first few left out, then how many more.
 */
export function describeUpload(upload: PlanUpload, maxExcluded = 5): string {
  let what: string;
  if (upload.kind === 'artifact')
    what = `${upload.from}${upload.bytes === null ? '' : `, ${formatBytes(upload.bytes)}`}, unpacked on each host`;
  else if (upload.files === null)
    what = `from ${upload.from} (counted when the deploy runs, after the build or export)`;
  else
    what = `${upload.files} ${upload.files === 1 ? 'file' : 'files'}, ${formatBytes(upload.bytes ?? 0)} from ${upload.from}`;
  if (upload.excluded.length === 0) return `Upload: ${what}`;
  return `Upload: ${what} (${upload.excluded.length} left out: ${describeExcluded(upload.excluded, maxExcluded)})`;
}

export { formatBytes };
