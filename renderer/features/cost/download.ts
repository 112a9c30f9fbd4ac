/**
 * Saves a file the backend produced. A Blob behind an <a download> works the same in a browser (serve mode) and in
 * Electron (which shows its save dialog), with no file-system access in the page.
 */
import { type CostExport } from '../../../shared/model/cost';

export function saveFile(file: CostExport): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download; release it once this task is done.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
