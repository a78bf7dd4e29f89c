import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.ts';
import { NotifyPage } from './pages/notify-page.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

test('an admin sets up a signed webhook channel, tests it, silences an alert, and sees delivery status', async ({ page }) => {
  // Two sign-ins (password, then the step-up) and several views: more than the default budget on a busy machine.
  test.setTimeout(120_000);
  const received: Received[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alertmanager`;

  try {
    const shell = new AppShell(page);
    const notify = new NotifyPage(page);
    await shell.signIn('admin', '/alerts');
    await page.getByRole('button', { name: 'Verify with authenticator' }).click();
    await shell.fillSignInForm('admin', true);
    await expect(page.getByTestId('user-roles')).toHaveText('admin · MFA');

    await page.getByRole('button', { name: 'New channel' }).click();
    const form = notify.channelForm();
    await form.getByLabel('Name').fill('SOC webhook');
    await form.getByLabel('Kind').selectOption('webhook');

    // The metadata service is refused when saving, whatever the notation.
    await form.getByLabel('URL').fill('http://2852039166/latest');
    await form.getByLabel('Signing secret').fill('e2e-secret');
    await form.getByRole('button', { name: 'Create channel' }).click();
    await expect(form.getByRole('alert')).toContainText('169.254.169.254 is the cloud metadata service');

    // The preview renders what the sender sends, and names template errors with their position.
    await form.getByLabel('Body template').fill('Alert {{nope}}');
    await expect(notify.preview()).toContainText('body at character 7: unknown variable "nope"');
    await form.getByLabel('Body template').fill('{{#alerts}}{{labels.host}} {{value}}{{/alerts}}');
    await expect(notify.preview()).toContainText('ecs-bastion-01 360');
    await page.screenshot({ path: 'test-results/notify-channel-form.png', fullPage: true });

    await form.getByLabel('URL').fill(hookUrl);
    await form.getByRole('button', { name: 'Create channel' }).click();
    const row = notify.channelRow('SOC webhook');
    await expect(row).toContainText(hookUrl);
    await expect(row).toContainText('secret');

    await row.getByRole('button', { name: 'Test SOC webhook' }).click();
    await expect(row.getByRole('status')).toContainText('Test delivered: HTTP 200: ok');
    const request = received.at(-1)!;
    expect(request.headers['x-vigil-signature']).toBe(`sha256=${createHmac('sha256', 'e2e-secret').update(request.body).digest('hex')}`);
    expect(JSON.parse(request.body)).toMatchObject({ version: '4', status: 'firing', receiver: 'SOC webhook' });
    await page.screenshot({ path: 'test-results/notify-channels.png', fullPage: true });

    await notify.tab('Delivery status').click();
    const delivered = page.getByRole('row').filter({ hasText: 'SOC webhook' }).first();
    await expect(delivered).toContainText('delivered');
    await expect(delivered).toContainText('test');
    await page.screenshot({ path: 'test-results/notify-deliveries.png', fullPage: true });

    // "Silence this" from an alert event opens the form with the alert's labels.
    await page.goto('/alerts?tab=silences&matcher=alertname%3DSSH%20brute%20force&matcher=sourceIp%3D185.220.101.47');
    const silenceForm = page.getByRole('form', { name: 'New silence' });
    await expect(silenceForm.getByLabel('Value 2')).toHaveValue('185.220.101.47');
    await silenceForm.getByLabel('Comment (why)').fill('red team exercise');
    await silenceForm.getByRole('button', { name: 'Create silence' }).click();
    const silenceRow = page.getByRole('row').filter({ hasText: 'red team exercise' });
    await expect(silenceRow).toContainText('active');
    await expect(silenceRow).toContainText('sourceIp = “185.220.101.47”');
    await page.screenshot({ path: 'test-results/notify-silences.png', fullPage: true });
    await silenceRow.getByRole('button', { name: /End silence/ }).click();
    await expect(page.getByRole('row').filter({ hasText: 'red team exercise' })).toHaveCount(0);
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test('an analyst reads channels and delivery status but cannot change them', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.signIn('analyst', '/alerts');
  await expect(page.getByRole('tab', { name: 'Channels' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: 'New channel' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Silences' }).click();
  await expect(page.getByRole('button', { name: 'New silence' })).toHaveCount(0);
});
