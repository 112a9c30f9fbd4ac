/**
 * Screenshots for the README and for people to look at, saved under e2e/screenshots/ once lazy screens and charts
 * have finished loading (no skeleton left).
 */
import { type Page, expect } from '@playwright/test';

/**
 * - `window`: what the 1440 × 900 window shows (a dialog over its screen).
 * - `page`: the full page.
 * - `content`: the whole screen: the content area scrolls inside a fixed window, so the window is grown to fit it
 *   for the shot and put back afterwards.
 */
export type ShotArea = 'window' | 'page' | 'content';

export async function shot(page: Page, name: string, area: ShotArea = 'page'): Promise<void> {
  await expect(page.locator('.skeleton')).toHaveCount(0);
  const path = `e2e/screenshots/${name}.png`;
  if (area !== 'content') {
    await page.screenshot({ path, fullPage: area === 'page' });
    return;
  }
  const size = page.viewportSize() ?? { width: 1440, height: 900 };
  const height = await page.locator('.content').evaluate((el) => el.scrollHeight + 60);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.waitForTimeout(300); // charts re-measure after the resize
  await page.screenshot({ path });
  await page.setViewportSize(size);
}
