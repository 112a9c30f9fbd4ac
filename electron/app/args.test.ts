import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceArg } from './args';

describe('workspaceArg', () => {
  it('reads --workspace PATH and --workspace=PATH, relative to the given directory', () => {
    expect(workspaceArg(['electron', '.', '--workspace', '/srv/cockpit.yaml'], '/home/me')).toBe('/srv/cockpit.yaml');
    expect(workspaceArg(['app', '--workspace=infra/cockpit.yaml'], '/home/me')).toBe(
      resolve('/home/me', 'infra/cockpit.yaml'),
    );
    expect(workspaceArg(['app', '--workspace', '--inspect'], '/home/me')).toBeUndefined();
    expect(workspaceArg(['app', '--workspace'], '/home/me')).toBeUndefined();
    expect(workspaceArg(['app', '--workspaces', 'x'], '/home/me')).toBeUndefined();
  });
});
