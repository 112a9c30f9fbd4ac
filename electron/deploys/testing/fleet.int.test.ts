/** The deploy fleet fixture itself: real sshd hosts whose health app follows the release `current` points at. */
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTools } from '../../../test/support/system-tool';
import { type DeployFleet, startDeployFleet } from './fleet';

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('deploy fleet fixture', () => {
  let fleet: DeployFleet;
  beforeAll(async () => {
    fleet = await startDeployFleet({ hosts: 2, batch: 2, startupMs: 200, gateTimeout: '5s' });
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it('deploys to every host through the gate, and the health apps answer for the new release', async () => {
    const outcome = await fleet.deploy('v1', { files: 5 });
    expect(outcome.result).toBe('healthy');
    for (const host of fleet.hosts) {
      expect(readlinkSync(join(host.app, 'current'))).toBe(`releases/${outcome.releaseId}`);
      const response = await fetch(host.healthUrl);
      expect(response.status).toBe(200);
    }
  });

  it('rolls back a release whose health file says it is not ok', async () => {
    const outcome = await fleet.deploy('v2', { files: 5, health: 'broken', batch: 1 });
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.failure).toMatchObject({ step: 'gate', reason: 'gate' });
    expect(outcome.summary).toContain('BAD_RELEASE');
    for (const host of fleet.hosts) expect((await fetch(host.healthUrl)).status).toBe(200);
  });
});
