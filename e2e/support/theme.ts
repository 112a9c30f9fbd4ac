/**
 * The theme the page really shows: `<html data-theme>` set by the shell (renderer/features/shell/hooks.ts) and the
 * color-scheme the stylesheet pins for it (renderer/styles/tokens.css) — not just which Settings radio is checked.
 */
import { type Page, expect } from '@playwright/test';

export async function expectTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const html = page.locator('html');
  await expect(html, `the document is in the ${theme} theme`).toHaveAttribute('data-theme', theme);
  await expect(html, `the stylesheet pins the ${theme} color scheme`).toHaveCSS('color-scheme', theme);
}
