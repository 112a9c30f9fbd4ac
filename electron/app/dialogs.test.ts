import { describe, expect, it } from 'vitest';
import { type DialogLike, createDialogs } from './dialogs';

describe('createDialogs', () => {
  it('returns the picked file, or null when the picker is cancelled', async () => {
    const calls: unknown[][] = [];
    let answer = { canceled: false, filePaths: ['/srv/infra/cockpit.yaml'] };
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        calls.push(args);
        return answer;
      },
    } as DialogLike<string>;
    const dialogs = createDialogs(dialog, () => 'the-window');
    await expect(dialogs.pickWorkspaceFile()).resolves.toBe('/srv/infra/cockpit.yaml');
    expect(calls[0]?.[0]).toBe('the-window');
    expect(calls[0]?.[1]).toMatchObject({
      properties: ['openFile'],
      filters: [{ extensions: ['yaml', 'yml'] }, { name: 'All files' }],
    });
    answer = { canceled: true, filePaths: [] };
    await expect(dialogs.pickWorkspaceFile()).resolves.toBeNull();
  });
});
