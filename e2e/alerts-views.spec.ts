import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.ts';

const TABS = ['Rules', 'Alert events', 'Silences', 'Channels', 'Delivery status', 'Summary'];

test('analysts and admins see every Alerts tab; managers see alerting in counts only', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const user of ['analyst', 'admin']) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await new AppShell(page).signIn(user, '/alerts');
    for (const tab of TABS) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByText(/^Loading|^Counting/)).toHaveCount(0);
      await page.screenshot({ path: `test-results/alerts-${user}-${tab.toLowerCase().replace(/ /g, '-')}.png`, fullPage: true });
    }
    // The demo rules are counted by severity: two critical, two major.
    await page.getByRole('tab', { name: 'Summary', exact: true }).click();
    await expect(page.getByText(/4 of 4 rules enabled/)).toBeVisible();
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await new AppShell(page).signIn('manager', '/alerts');
  await expect(page.getByText(/4 of 4 rules enabled/)).toBeVisible();
  await expect(page.getByRole('tab')).toHaveCount(0);
  await expect(page.getByText('Failed password')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/alerts-manager.png', fullPage: true });
  await context.close();
});

test('an analyst replays an anomaly rule: unusual behaviour of a user catches the night sign-in', async ({ page }) => {
  test.setTimeout(120_000);
  await new AppShell(page).signIn('analyst', '/alerts?rule=new');
  const form = page.getByRole('form', { name: 'Rule' });
  await form.getByRole('combobox', { name: /^Type/ }).selectOption('anomaly');
  await form.getByLabel('Name', { exact: true }).fill('Unusual behaviour');
  await expect(form.getByLabel('Anomaly kind')).toHaveValue('audit_behaviour');
  // The demo's night sign-in with the tracker deletion scores 94; nothing else in 30 days reaches 90.
  await form.getByLabel('Minimum score').fill('90');
  await expect(page.getByTestId('backtest-fires')).toHaveText('1 time', { timeout: 60_000 });
  await expect(page.getByTestId('backtest-instances')).toContainText('user=tobias.becker');
  await page.screenshot({ path: 'test-results/alerts-anomaly-rule.png', fullPage: true });
  await page.getByTestId('backtest-instances').getByRole('link', { name: 'Anomalies' }).click();
  await expect(page).toHaveURL(/\/anomalies\?kind=audit_behaviour/);
});
