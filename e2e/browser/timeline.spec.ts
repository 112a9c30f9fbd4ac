/**
 * The one timeline in the browser against `cockpit serve --demo`: checkout breaking and auth deploying show on the
 * Overview's "Last 24 hours" and on the Timeline screen as they happen; filtering to one service leaves only its
 * entries, the address keeps the view, zooming and moving change the range shown, and the incident's mark leads to
 * its page, whose own timeline shows the service going down. Screenshots in the light and the dark theme.
 */
import { type Page, expect, test } from '@playwright/test';
import { WebSocket } from 'ws';
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

/** One call over the API the renderer uses, to make things happen without clicking through other screens. */
function call(method: string, input: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${cockpit.port}/api?token=${cockpit.token}`, { origin: cockpit.origin });
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method, input })));
    ws.on('message', (data) => {
      const reply = JSON.parse(data.toString()) as { id?: number; ok?: boolean; value?: unknown; error?: unknown };
      if (reply.id !== 1) return;
      ws.close(1000);
      if (reply.ok) resolve(reply.value);
      else reject(new Error(`${method} failed: ${JSON.stringify(reply.error)}`));
    });
    ws.on('error', reject);
  });
}

async function go(page: Page, screen: 'Overview' | 'Timeline' | 'Settings') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

test('checkout breaks while auth deploys: the timeline shows both, filters to one service, zooms, and leads to the incident', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(cockpit.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const strip = page.getByRole('region', { name: 'Last 24 hours' });
  await expect(strip).toBeVisible();

  // The sandboxes start with the demo; break one only once it answers.
  await expect
    .poll(
      async () => {
        const status = (await call('demo.status', {})) as { instances: { state: string }[] };
        return status.instances.every((i) => i.state === 'running');
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await call('demo.break', { service: 'checkout', environment: 'staging' });
  await call('deploys.start', { service: 'auth', environment: 'staging', release: { ref: 'v3.2.0' } });

  // The strip follows along without a reload.
  const authDeploy = /^Deploy v3\.2\.0 to auth in staging/;
  await expect(strip.getByRole('link', { name: authDeploy })).toBeVisible({ timeout: 10_000 });

  await strip.getByRole('link', { name: 'Open the timeline' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
  const chart = page.getByRole('group', { name: 'Timeline: last 24 hours' });
  await expect(chart.getByRole('link', { name: authDeploy })).toBeVisible();
  // checkout-ready fails twice, 5 s apart: the transition and the incident arrive live.
  const checkoutDown = chart.getByRole('link', { name: /^checkout down in staging/ });
  const incident = chart.getByRole('link', { name: /^Incident: checkout down in staging/ });
  await expect(incident).toBeVisible({ timeout: 20_000 });
  await expect(checkoutDown).toBeVisible();

  const service = page.getByLabel('Service', { exact: true });
  await service.selectOption('checkout');
  await expect(chart.getByRole('link', { name: authDeploy })).toHaveCount(0);
  await expect(incident).toBeVisible();
  await expect.poll(() => new URL(page.url()).hash).toBe('#/timeline?service=checkout');
  const entries = page.getByRole('region', { name: 'Entries' });
  await expect(entries).toContainText('checkout in staging');
  await expect(entries).not.toContainText('auth in staging');

  await page.getByRole('button', { name: '7 d', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Last 7 days' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Timeline: last 7 days' })).toBeVisible();
  await page.keyboard.press('+');
  await expect(page.getByRole('heading', { name: 'Last 24 hours' })).toBeVisible();
  await page.keyboard.press('[');
  await expect(page.getByRole('heading', { name: /^24 hours to / })).toBeVisible();
  await page.keyboard.press(']');
  await expect(page.getByRole('heading', { name: 'Last 24 hours' })).toBeVisible();

  await incident.hover();
  await expect(page.locator('.tl-tooltip')).toContainText('checkout down in staging');
  await shot(page, 'timeline-light', 'content');
  await incident.click();
  const around = page.getByRole('region', { name: 'What happened around it' });
  await expect(around.getByRole('link', { name: /^checkout down in staging/ })).toBeVisible();
  await expect(around.getByRole('link', { name: authDeploy })).toHaveCount(0);
  await call('demo.heal', { service: 'checkout', environment: 'staging' });
  await shot(page, 'incident-timeline-light', 'window');

  await go(page, 'Settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expectTheme(page, 'dark');
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
  await expect(service).toHaveValue('checkout');
  await service.selectOption('');
  await expect(chart.getByRole('link', { name: authDeploy })).toBeVisible();
  await shot(page, 'timeline-dark', 'content');
  await go(page, 'Overview');
  await shot(page, 'overview-timeline-strip-dark', 'window');
});
