import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../shared/workspace';
import { demoWorkspacePath } from '../paths';
import { planDemo } from './plan';

const demo = workspaceSchema.parse(parse(readFileSync(demoWorkspacePath(), 'utf8')));
const dataDir = join('/', 'data', 'cockpit');

describe('what the demo runs', () => {
  it('runs one sandbox per service × environment of the demo, on the port its environment names', () => {
    const { targets, problems } = planDemo(demo, dataDir);
    expect(problems).toEqual([]);
    expect(targets.map((t) => `${t.service}@${t.environment}:${t.port}`)).toEqual([
      'checkout@staging:7101',
      'checkout@production:7201',
      'auth@staging:7102',
      'auth@production:7202',
      'webhooks@staging:7103',
      'webhooks@production:7203',
      'worker@production:7204',
    ]);
  });

  it("reads each pretend host's current release of the service, inside the cockpit's data folder", () => {
    const checkout = planDemo(demo, dataDir).targets.find(
      (t) => t.service === 'checkout' && t.environment === 'production',
    );
    expect(checkout?.current).toEqual([
      { host: 'demo-prod-1', dir: join(dataDir, 'demo', 'hosts', 'demo-prod-1', 'checkout', 'current') },
      { host: 'demo-prod-2', dir: join(dataDir, 'demo', 'hosts', 'demo-prod-2', 'checkout', 'current') },
    ]);
    // A script-deployed service keeps its releases under ~/<service> by the demo's convention.
    const webhooks = planDemo(demo, dataDir).targets.find(
      (t) => t.service === 'webhooks' && t.environment === 'staging',
    );
    expect(webhooks?.current).toEqual([
      { host: 'demo-stg', dir: join(dataDir, 'demo', 'hosts', 'demo-stg', 'webhooks', 'current') },
    ]);
  });

  it('says which service has no usable port instead of guessing one', () => {
    const workspace = workspaceSchema.parse({
      version: 1,
      name: 'Odd demo',
      environments: { staging: { vars: { shop_port: 'eighty' } }, production: {} },
      services: { shop: {} },
    });
    expect(planDemo(workspace, dataDir)).toEqual({
      targets: [],
      problems: [
        'shop in staging: shop_port is "eighty", not a port number',
        'shop in production: no shop_port variable, so no sandbox runs for it',
      ],
    });
  });
});
