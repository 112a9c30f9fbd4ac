/**
 * TEST CODE ONLY — a small demo-shaped workspace on free loopback ports (the real demo's ports are fixed and may be
 * in use by a cockpit running on this machine), with pretend local hosts whose homes live in the data folder.
 */
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Workspace, workspaceSchema } from '../../../shared/workspace';
import { closedPort } from '../../health/testing/loopback';

export interface DemoPorts {
  shopStaging: number;
  shopProduction: number;
  apiProduction: number;
}

export async function freeDemoPorts(): Promise<DemoPorts> {
  return { shopStaging: await closedPort(), shopProduction: await closedPort(), apiProduction: await closedPort() };
}

/** The workspace as plain data (tests that need a file write it as JSON, which is YAML too). */
export function demoInput(ports: DemoPorts) {
  return {
    version: 1,
    name: 'Tiny Demo',
    environments: {
      staging: { hosts: ['stg'], vars: { shop_port: ports.shopStaging } },
      production: {
        hosts: ['prod-1', 'prod-2'],
        vars: { shop_port: ports.shopProduction, api_port: ports.apiProduction },
      },
    },
    hosts: {
      stg: { local: true, root: 'demo/hosts/stg' },
      'prod-1': { local: true, root: 'demo/hosts/prod-1' },
      'prod-2': { local: true, root: 'demo/hosts/prod-2' },
    },
    services: {
      shop: {
        deploy: { strategy: 'releases', path: '~/shop' },
        health: [
          {
            id: 'ready',
            http: 'http://127.0.0.1:${shop_port}/health/ready',
            critical: true,
            every: '1s',
            everyFailing: '200ms',
            retries: 1,
          },
        ],
        slo: { target: '99%' },
      },
      api: {
        environments: ['production'],
        health: [{ id: 'live', http: 'http://127.0.0.1:${api_port}/health/live', every: '1s' }],
      },
    },
    alerts: { desktop: true },
  };
}

export function demoWorkspace(ports: DemoPorts): Workspace {
  return workspaceSchema.parse(demoInput(ports));
}

/** Puts release `id` on a pretend host the way a releases deploy does: releases/<id>/VERSION and `current`. */
export function deployRelease(
  dataDir: string,
  host: string,
  service: string,
  id: string,
  options: { broken?: boolean } = {},
): void {
  const base = join(dataDir, 'demo', 'hosts', host, service);
  const release = join(base, 'releases', id);
  mkdirSync(release, { recursive: true });
  writeFileSync(join(release, 'VERSION'), `${id}\n`);
  if (options.broken) writeFileSync(join(release, 'BROKEN'), 'the demo ships this release broken on purpose\n');
  const next = join(base, `current.${id}`);
  symlinkSync(join('releases', id), next);
  // The atomic switch a deploy makes: a new link renamed over the old one.
  renameSync(next, join(base, 'current'));
}
