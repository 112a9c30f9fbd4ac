import { describe, expect, it, vi } from 'vitest';
import { type Handlers, createDispatch } from './dispatch';
import { type Dialogs, type Services, createCoreHandlers } from './router';

function coreDispatch(dialogs?: Dialogs) {
  // Only the dialog-backed methods are called here, and they touch neither the workspace nor the journal: empty
  // stand-ins are enough, and the cast says so rather than building a journal these tests never read.
  const services = {
    info: vi.fn(),
    settings: { get: vi.fn(), update: vi.fn() },
    workspace: {},
    journal: {},
    ...(dialogs ? { dialogs } : {}),
  } as unknown as Services;
  // Only the core's methods are called here; the features' handlers are not needed.
  return createDispatch(createCoreHandlers(services) as Handlers);
}

describe('app.savePdf and workspace.browse: native dialogs', () => {
  it('in serve mode (no dialogs) both say what to do instead', async () => {
    const dispatch = coreDispatch();
    await expect(
      dispatch({ id: 1, method: 'app.savePdf', input: { suggestedName: 'cost-review-2026-11.pdf' } }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED', message: expect.stringContaining('Save as PDF') },
    });
    await expect(dispatch({ id: 2, method: 'workspace.browse', input: {} })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED', message: expect.stringContaining('type the path') },
    });
  });

  it('in the desktop app the PDF goes where the user chose; cancelling is not an error', async () => {
    const savePdf = vi.fn(async (name: string) => (name.includes('11') ? `/home/me/${name}` : null));
    const dispatch = coreDispatch({ pickWorkspaceFile: vi.fn(), savePdf });
    await expect(
      dispatch({ id: 1, method: 'app.savePdf', input: { suggestedName: 'cost-review-2026-11.pdf' } }),
    ).resolves.toEqual({
      id: 1,
      ok: true,
      value: { path: '/home/me/cost-review-2026-11.pdf' },
    });
    await expect(
      dispatch({ id: 2, method: 'app.savePdf', input: { suggestedName: 'cost-review-2026-10.pdf' } }),
    ).resolves.toEqual({
      id: 2,
      ok: true,
      value: { path: null },
    });
  });

  it.each(['../../etc/cron.d/x.pdf', '/tmp/x.pdf', 'report.exe', 'a\\b.pdf'])(
    'refuses a suggested name that is not a plain .pdf file name (%s)',
    async (suggestedName) => {
      const savePdf = vi.fn();
      const dispatch = coreDispatch({ pickWorkspaceFile: vi.fn(), savePdf });
      await expect(dispatch({ id: 1, method: 'app.savePdf', input: { suggestedName } })).resolves.toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
      expect(savePdf).not.toHaveBeenCalled();
    },
  );
});
