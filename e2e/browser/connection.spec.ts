/**
 * Screens that never lie about the connection: the first load never says "No workspace" before the backend has
 * said so, and when the backend goes away under an open page every live status fades, the top bar says since when
 * the data is stale, and the page keeps retrying with a growing back-off. (A refused token after a restart, which
 * ends the retrying, is unit-tested in renderer/bridge/websocket.test.ts: this file's one cockpit cannot come back
 * on the same port.) A lazily loaded chart whose code cannot be fetched says so in its place, and the window stays.
 */
import { expect, test } from '@playwright/test';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { shot } from '../support/shot';
import { expectTheme } from '../support/theme';

let cockpit: ServedCockpit;

test.beforeAll(async () => {
  cockpit = await startCockpit(['--demo']);
});
test.afterAll(async () => {
  await cockpit?.stop();
});

/**
 * Runs in the page before its own scripts (a string: the e2e code is type-checked without the DOM's types). Keeps in
 * `window.noWorkspaceSightings` every "No workspace" text seen until the workspace's name shows.
 */
const watchForNoWorkspace = `
  const seen = [];
  window.noWorkspaceSightings = seen;
  const observer = new MutationObserver(() => {
    const text = document.body ? document.body.innerText : '';
    if (/No workspace/i.test(text)) seen.push(text.slice(0, 200));
    if (text.includes('Demo Shop')) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
`;

test('a chart whose code cannot be fetched says so, and the rest of the window stays', async ({ page }) => {
  // What a stopped or updated cockpit does to a chunk the page has not fetched yet: the request fails.
  await page.route(/\/assets\/StripChart-[^/]+\.js$/, (route) => route.abort());
  await page.goto(cockpit.url);
  const strip = page.locator('.tl-strip');
  await expect(strip.getByText(/^This chart could not be loaded: the cockpit may have been restarted/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.locator('header.topbar').getByRole('status')).toHaveText('Connected');
  await expect(page.locator('.matrix-cell .pill').first()).toBeVisible();
});

test('the backend stopped under an open page: statuses fade, "stale since", retries with back-off', async ({
  page,
}) => {
  // Watches the page from its first node until the workspace's name is on screen: the top bar must say "Loading
  // workspace…" meanwhile, never "No workspace".
  await page.addInitScript(watchForNoWorkspace);
  await page.goto(cockpit.url);

  const topbar = page.locator('header.topbar');
  await expect(topbar.getByText('Demo Shop')).toBeVisible();
  await expect(topbar.getByRole('status')).toHaveText('Connected');
  const pill = page.locator('.matrix-cell .pill').first();
  await expect(pill).toBeVisible();
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-connection', 'live');
  await expect(pill).toHaveCSS('filter', 'none');
  expect(await page.evaluate<string[]>('window.noWorkspaceSightings')).toEqual([]);

  await cockpit.stop();

  await expect(topbar.getByRole('status')).toHaveText(/^Stale since \d{2}:\d{2} — reconnecting…$/);
  await expect(html).toHaveAttribute('data-connection', 'stale');
  // Desaturated, still readable: the pill keeps its text and its place.
  await expect(pill).toHaveCSS('filter', 'grayscale(1)');
  await expect(pill).toBeVisible();
  const banner = page.getByRole('region', { name: 'Connection to the backend' });
  await expect(banner.getByText(/^Lost the connection to the cockpit backend at \d{2}:\d{2}\./)).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible();

  const retry = banner.locator('.conn-banner-retry span');
  await expect(retry).toHaveText(/^Last tried \d{2}:\d{2}:\d{2} · (next in \d+ s|trying again now…)$/);
  const nextIn = async () => Number(/next in (\d+) s/.exec(await retry.innerText())?.[1] ?? Number.NaN);
  await expect.poll(nextIn).toBeGreaterThan(0);
  const before = await nextIn();
  // "Retry now" tries at once; it fails (nothing listens any more), and the wait before the next try doubles.
  await banner.getByRole('button', { name: 'Retry now' }).click();
  await expect.poll(nextIn).toBeGreaterThan(before);
  await expect(topbar.getByRole('status')).not.toHaveText(/connected/i);

  await shot(page, 'connection-stale', 'window');
  // The backend that would save the theme is gone: the attribute the shell would set is set directly.
  await page.evaluate("document.documentElement.dataset.theme = 'dark'");
  await expectTheme(page, 'dark');
  await shot(page, 'connection-stale-dark', 'window');
});
