/** The native dialogs behind `workspace.browse` and `app.savePdf` (the desktop app only; serve mode has none). */
import { join } from 'node:path';
import { type Dialogs } from '../api/router';

export interface OpenDialogOptionsLike {
  title: string;
  buttonLabel: string;
  properties: 'openFile'[];
  filters: { name: string; extensions: string[] }[];
}

export interface SaveDialogOptionsLike {
  title: string;
  buttonLabel: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
}

/** The slice of Electron's dialog we use; a fake in tests. */
export interface DialogLike<W> {
  showOpenDialog(window: W, options: OpenDialogOptionsLike): Promise<{ canceled: boolean; filePaths: string[] }>;
  showOpenDialog(options: OpenDialogOptionsLike): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(window: W, options: SaveDialogOptionsLike): Promise<{ canceled: boolean; filePath?: string }>;
  showSaveDialog(options: SaveDialogOptionsLike): Promise<{ canceled: boolean; filePath?: string }>;
}

/** What saving a PDF needs besides the dialog: the window's printed form and somewhere to write it. */
export interface PdfOutput<W> {
  /** The window rendered with its print styles (Electron: webContents.printToPDF). */
  print(window: W): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** The folder the save dialog starts in (the user's documents or downloads). */
  defaultDir: () => string;
}

export function createDialogs<W>(dialog: DialogLike<W>, parent: () => W | null, pdf?: PdfOutput<W>): Dialogs {
  const dialogs: Dialogs = {
    async pickWorkspaceFile() {
      const options: OpenDialogOptionsLike = {
        title: 'Open workspace',
        buttonLabel: 'Open',
        properties: ['openFile'],
        filters: [
          { name: 'Cockpit workspace', extensions: ['yaml', 'yml'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const window = parent();
      // Attached to the window it is a sheet on macOS and modal elsewhere.
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
  if (!pdf) return dialogs;
  return {
    ...dialogs,
    async savePdf(suggestedName) {
      const window = parent();
      if (!window) throw new Error('There is no window to save as a PDF.');
      const options: SaveDialogOptionsLike = {
        title: 'Save as PDF',
        buttonLabel: 'Save',
        defaultPath: join(pdf.defaultDir(), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      };
      const result = await dialog.showSaveDialog(window, options);
      if (result.canceled || !result.filePath) return null;
      // Printed after the dialog closes, so the dialog itself never ends up in the page.
      const data = await pdf.print(window);
      const path = result.filePath.toLowerCase().endsWith('.pdf') ? result.filePath : `${result.filePath}.pdf`;
      await pdf.writeFile(path, data);
      return path;
    },
  };
}
