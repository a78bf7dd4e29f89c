import { expect, test } from '@playwright/test';
import { startHecReceiver } from '../src/server/forward/testing/hec-receiver.ts';
import { AppShell } from './pages/app-shell.ts';

test('an admin creates a Splunk HEC forwarder, the receiver gets the lines and the view shows delivered and lag', async ({ page }) => {
  test.setTimeout(150_000);
  // A protocol-faithful HEC on this machine (VIGIL_OUTBOUND_ALLOW_HOSTS lets Vigil reach 127.0.0.1).
  const hec = await startHecReceiver({ token: 'e2e-hec-token', useAck: true, indexDelayMs: 200 });
  try {
    const shell = new AppShell(page);
    await shell.signIn('admin', '/admin?tab=forwarders');
    await page.getByRole('button', { name: 'Verify with authenticator' }).click();
    await shell.fillSignInForm('admin', true);
    await expect(page).toHaveURL(/\/admin\?tab=forwarders$/);
    await expect(page.getByText('No forwarders yet')).toBeVisible({ timeout: 30_000 });

    await page.getByLabel('Name').fill('Splunk e2e');
    await page.getByLabel('HEC URL').fill(hec.url);
    await page.getByLabel('HEC token (write-only)').fill('e2e-hec-token');
    await page.getByLabel('Index (optional)').fill('otc');
    await page.getByLabel('Indexer acknowledgement').check();
    await page.getByLabel('Streams (group or group/stream, comma-separated; empty: all)').fill('ecs-prod');
    await page.getByLabel('Start from').selectOption('24');
    await page.getByRole('button', { name: 'Create forwarder' }).click();

    const row = page.getByTestId('forwarder-Splunk e2e');
    await expect(row).toContainText('Splunk HEC http://127.0.0.1', { timeout: 20_000 });
    await expect(row).toContainText('indexer ack');
    // The view refreshes every 5 s; the demo tenant's last 24 hours of ecs-prod go out in batches.
    await expect.poll(async () => Number((await row.getByTestId('forwarder-delivered').innerText()).split('\n')[0]!.replace(/,/g, '')), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect(row).toContainText('OK');
    await expect.poll(async () => (await row.getByTestId('forwarder-delivered').innerText()).split('\n')[0]!.replace(/,/g, ''), { timeout: 60_000 }).toBe(String(hec.events.length));
    await expect(row.getByTestId('forwarder-lag')).toHaveText(/^\d+ s$/);
    expect(hec.events[0]).toMatchObject({ index: 'otc', sourcetype: 'otc:lts', fields: { log_group: 'ecs-prod' } });
    // The token is write-only: not in the page.
    await expect(page.locator('body')).not.toContainText('e2e-hec-token');
    await page.screenshot({ path: 'test-results/forwarders-admin.png', fullPage: true });
  } finally {
    await hec.close();
  }
});
