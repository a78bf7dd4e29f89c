import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/alerts-page.ts';
import { AppShell } from './pages/app-shell.ts';

const ATTACKER = '203.0.113.77';

/** A fresh SSH password-guessing burst, dated over the last two minutes, into the running store. */
function importBurst(lines: number): void {
  const dataDir = process.env.VIGIL_E2E_DATA_DIR;
  if (!dataDir) throw new Error('VIGIL_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'vigil-burst-')), 'auth.log');
  const now = Date.now();
  const text = Array.from({ length: lines }, (_, i) => {
    const time = new Date(now - 120_000 + Math.floor((i * 110_000) / lines)).toISOString();
    return `${time} ecs-bastion-01 sshd[${50_000 + i}]: Failed password for root from ${ATTACKER} port ${40_000 + i} ssh2`;
  });
  writeFileSync(file, `${text.join('\n')}\n`);
  execFileSync(process.execPath, ['src/server/cli.ts', 'import', file, '--group', 'ecs-prod', '--stream', 'auth', '--data-dir', dataDir]);
}

test('an admin tunes the SSH rule against its backtest, saves with the step-up, and the analyst sees the alert a fresh burst raises', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  const alerts = new AlertsPage(page);
  await shell.signIn('admin', '/alerts');
  await alerts.openRule('SSH brute force');

  // On the demo data the rule catches the planted brute force, and nothing else in 30 days.
  await expect(alerts.backtestFires()).toHaveText('1 time');
  await expect(page.getByTestId('backtest-instances')).toContainText('ip=185.220.101.47');
  await page.screenshot({ path: 'test-results/alerts-editor.png', fullPage: true });

  // The planted burst peaks at 180 failed passwords in 5 minutes: above 200 the backtest goes quiet.
  await alerts.field('Threshold (lines)').fill('200');
  await expect(alerts.backtestFires()).toHaveText('0 times');
  await expect(page.getByText('The rule would not have fired in this range.')).toBeVisible();

  // Saving needs the second factor: the draft survives the round trip to the provider.
  await page.getByRole('button', { name: 'Verify and save' }).click();
  await shell.fillSignInForm('admin', true);
  await expect(page.getByText('Your unsaved changes were restored after the verification.')).toBeVisible();
  await expect(alerts.field('Threshold (lines)')).toHaveValue('200');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2.' })).toBeVisible();

  // A burst bigger than the new threshold arrives; the evaluator fires on its next step.
  importBurst(260);
  const analystContext = await browser.newContext();
  const analystPage = await analystContext.newPage();
  await new AppShell(analystPage).signIn('analyst', '/alerts?tab=events');
  const row = analystPage.getByTestId('alert-events').getByRole('row').filter({ hasText: `ip=${ATTACKER}` });
  await expect(row).toContainText('SSH brute force', { timeout: 120_000 });
  await expect(row).toContainText('(> 200)');
  await analystPage.screenshot({ path: 'test-results/alerts-events.png', fullPage: true });

  await row.getByRole('textbox').fill('blocked at the firewall');
  await row.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(row).toContainText('Ana Lyst');
  await expect(row).toContainText('blocked at the firewall');
  await row.getByRole('link', { name: 'Search' }).click();
  await expect(analystPage).toHaveURL(/\/search\?q=/);
  await analystContext.close();
});
