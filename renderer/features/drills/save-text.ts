/**
 * Saves text as a file. A Blob behind an <a download> works the same in a browser (serve mode) and in Electron
 * (which shows its save dialog), with no file-system access in the page.
 */
export function saveText(filename: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download; release it once this task is done.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
