import { describe, expect, it } from 'vitest';
import { type DialogLike, type PdfOutput, createDialogs } from './dialogs';

function fakeDialog(answers: {
  open?: { canceled: boolean; filePaths: string[] };
  save?: { canceled: boolean; filePath?: string };
}) {
  const calls: { kind: 'open' | 'save'; args: unknown[] }[] = [];
  const dialog = {
    showOpenDialog: async (...args: unknown[]) => {
      calls.push({ kind: 'open', args });
      return answers.open ?? { canceled: true, filePaths: [] };
    },
    showSaveDialog: async (...args: unknown[]) => {
      calls.push({ kind: 'save', args });
      return answers.save ?? { canceled: true };
    },
  } as DialogLike<string>;
  return { dialog, calls };
}

function fakePdf() {
  const written = new Map<string, Uint8Array>();
  const printed: string[] = [];
  const pdf: PdfOutput<string> = {
    print: async (window) => {
      printed.push(window);
      return new TextEncoder().encode('%PDF-1.4 the review');
    },
    writeFile: async (path, data) => void written.set(path, data),
    defaultDir: () => '/home/me/Documents',
  };
  return { pdf, written, printed };
}

describe('createDialogs', () => {
  it('returns the picked file, or null when the picker is cancelled', async () => {
    const answers = { open: { canceled: false, filePaths: ['/srv/infra/cockpit.yaml'] } };
    const { dialog, calls } = fakeDialog(answers);
    const dialogs = createDialogs(dialog, () => 'the-window');
    await expect(dialogs.pickWorkspaceFile()).resolves.toBe('/srv/infra/cockpit.yaml');
    expect(calls[0]?.args[0]).toBe('the-window');
    expect(calls[0]?.args[1]).toMatchObject({
      properties: ['openFile'],
      filters: [{ extensions: ['yaml', 'yml'] }, { name: 'All files' }],
    });
    answers.open = { canceled: true, filePaths: [] };
    await expect(dialogs.pickWorkspaceFile()).resolves.toBeNull();
  });

  it('offers no PDF saving without a way to print (serve mode)', () => {
    const { dialog } = fakeDialog({});
    expect(createDialogs(dialog, () => 'the-window').savePdf).toBeUndefined();
  });

  it('saves the printed window where the user chose, adding .pdf when the name lacks it', async () => {
    const { dialog, calls } = fakeDialog({ save: { canceled: false, filePath: '/home/me/Documents/review-2026-11' } });
    const { pdf, written, printed } = fakePdf();
    const dialogs = createDialogs(dialog, () => 'the-window', pdf);
    await expect(dialogs.savePdf?.('cost-review-2026-11.pdf')).resolves.toBe('/home/me/Documents/review-2026-11.pdf');
    expect(calls[0]).toMatchObject({
      kind: 'save',
      args: [
        'the-window',
        { defaultPath: '/home/me/Documents/cost-review-2026-11.pdf', filters: [{ extensions: ['pdf'] }] },
      ],
    });
    expect(printed).toEqual(['the-window']);
    expect(new TextDecoder().decode(written.get('/home/me/Documents/review-2026-11.pdf'))).toMatch(/^%PDF-/);
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const { dialog } = fakeDialog({ save: { canceled: true } });
    const { pdf, written, printed } = fakePdf();
    await expect(createDialogs(dialog, () => 'the-window', pdf).savePdf?.('x.pdf')).resolves.toBeNull();
    expect(printed).toEqual([]);
    expect(written.size).toBe(0);
  });
});
