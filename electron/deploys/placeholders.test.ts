/**
 * A release name is data, never code: `--release '$(touch x)'` must not create x, even when the workspace author
 * quoted the placeholder (which `validate` rejects, see workspace/placeholders.test.ts). Run for real: the local
 * transport's shell runs the team's script, and the file system says whether anything was executed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CockpitError } from '../../shared/rpc';
import { workspaceSchema } from '../../shared/workspace';
import { createLocalTransport } from '../remote/local';
import { fillPlaceholders } from '../remote/quote';
import { createDeployService } from './service';
import { createMemoryJournal } from './test-journal';

const root = mkdtempSync(join(tmpdir(), 'cockpit-placeholders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a hostile release name would create if it ran. */
const pwned = join(root, 'pwned');
const hostile = [`$(touch ${pwned})`, `\`touch ${pwned}\``, `x"; touch ${pwned}; "`, `x'; touch ${pwned}; '`];

describe('fillPlaceholders', () => {
  it.each([
    ['unquoted', 'printf %s ${release} > out'],
    ['in double quotes', 'printf %s "${release}" > out'],
    ['in single quotes', "printf %s '${release}' > out"],
    ['inside a quoted word', 'printf %s "v=${release}!" > out'],
  ])('keeps a hostile value one word of data when the placeholder is %s', (_where, template) => {
    for (const value of hostile) {
      const command = fillPlaceholders(template, { release: value });
      execFileSync('sh', ['-c', command], { cwd: root });
      expect(existsSync(pwned), command).toBe(false);
      const printed = readFileSync(join(root, 'out'), 'utf8');
      expect(printed).toBe(template.includes('v=') ? `v=${value}!` : value);
    }
  });

  it('leaves the shell’s own variables alone', () => {
    expect(fillPlaceholders('echo ${HOME} ${release}', { release: 'v1' })).toBe('echo ${HOME} v1');
  });
});

describe('a script deploy given a hostile release name', () => {
  const workspace = workspaceSchema.parse({
    version: 1,
    name: 'Demo',
    environments: { sandbox: { hosts: ['laptop'] } },
    hosts: { laptop: { local: true } },
    services: {
      demo: {
        deploy: {
          strategy: 'script',
          path: join(root, 'srv'),
          // Quoted by the author: what `validate` rejects, and what the engine must survive anyway.
          deploy: `echo deploying "\${release}" > ${join(root, 'deployed')}`,
          rollback: `echo rolling back '\${release}'`,
        },
      },
    },
  });
  const local = createLocalTransport({ host: 'laptop', killGraceMs: 200 });
  afterAll(() => local.close());
  const service = createDeployService({
    workspace: () => ({ workspace, dir: root }),
    journal: createMemoryJournal(),
    transports: () => local,
    checkHealth: async () => ({ ok: true, detail: 'ok' }),
    emit: () => {},
    now: () => new Date(),
    actor: 'me',
  });

  it('is refused before anything runs, and nothing is executed', async () => {
    for (const ref of hostile) {
      const error = await service
        .deploy({ service: 'demo', environment: 'sandbox', release: { ref } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CockpitError);
      expect((error as CockpitError).message).toMatch(/release name .* is not allowed/);
    }
    const rollback = await service
      .rollback({ service: 'demo', environment: 'sandbox', to: hostile[0] })
      .catch((e: unknown) => e);
    expect((rollback as CockpitError).message).toMatch(/is not allowed/);
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(join(root, 'deployed'))).toBe(false);
  });

  it('still deploys an ordinary release name through the author’s quotes', async () => {
    const outcome = await service.deploy({ service: 'demo', environment: 'sandbox', release: { ref: 'v1.4.0' } });
    expect(outcome.result).toBe('healthy');
    expect(readFileSync(join(root, 'deployed'), 'utf8')).toBe('deploying v1.4.0\n');
  });
});
