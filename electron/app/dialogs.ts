/** The native file picker behind `workspace.browse` (the desktop app only; serve mode has none). */
import { type Dialogs } from '../api/router';

export interface OpenDialogOptionsLike {
  title: string;
  buttonLabel: string;
  properties: 'openFile'[];
  filters: { name: string; extensions: string[] }[];
}

/** The slice of Electron's dialog we use; a fake in tests. */
export interface DialogLike<W> {
  showOpenDialog(window: W, options: OpenDialogOptionsLike): Promise<{ canceled: boolean; filePaths: string[] }>;
  showOpenDialog(options: OpenDialogOptionsLike): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export function createDialogs<W>(dialog: DialogLike<W>, parent: () => W | null): Dialogs {
  return {
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
}
