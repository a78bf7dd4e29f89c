import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { SMTPServer } from 'smtp-server';
import { AppShell } from './pages/app-shell.ts';
import { CompliancePage } from './pages/compliance-page.ts';

/** The seeded tracker deletion happens on the UTC day before the seed ran. */
function yesterdayUtc(hours: number, minutes: number, seconds: number): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, hours, minutes, seconds);
}

function verify(file: string): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, ['src/server/cli.ts', 'evidence', 'verify', file, '--data-dir', process.env.VIGIL_E2E_DATA_DIR ?? ''], { encoding: 'utf8' });
    return { code: 0, out };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, out: failed.stdout };
  }
}

test('a manager sees the tracker deletion failing since its moment, drills down, downloads the evidence pack and the CLI verifies it', async ({ page }) => {
  // Evaluating every check over 30 days of the seeded tenant, twice, and building the pack take a while.
  test.setTimeout(120_000);
  const shell = new AppShell(page);
  const compliance = new CompliancePage(page);
  const deletion = new Date(yesterdayUtc(3, 19, 52)).toISOString().slice(0, 10);
  await shell.signIn('manager', '/compliance?tz=utc');

  await expect(compliance.score()).toContainText('%');
  await expect(compliance.check('audit-coverage')).toContainText('Fail');
  await expect(compliance.check('audit-coverage')).toContainText(`Since ${deletion} 03:19:52`);
  await expect(compliance.control('A.8.15')).toContainText('Fail');
  // The demo rules watch sign-in failures, tracker and key deletion and security groups, not IAM changes.
  await expect(compliance.check('monitoring')).toContainText('Fail');

  await compliance.openCheck('audit-coverage');
  await expect.poll(() => compliance.params().get('check')).toBe('audit-coverage');
  const drawer = compliance.drawer();
  await expect(drawer).toContainText('Tracker deleted');
  await expect(drawer).toContainText(`${deletion} 03:19:52`);
  // Managers see who did it as a pseudonym, never the name or the address.
  await expect(drawer).toContainText(/by user-[0-9a-f]{8} from ip-[0-9a-f]{8}/);
  await expect(drawer).not.toContainText('tobias.becker');
  await expect(drawer).not.toContainText('45.155.205.233');
  await page.screenshot({ path: 'test-results/compliance-manager.png', fullPage: true });
  // The printable view for the meeting: no navigation or forms, the evidence below the controls.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await page.screenshot({ path: 'test-results/compliance-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), compliance.downloadButton().click()]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-pack-'));
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/^vigil-evidence-iso27001-\d{4}-\d{2}-\d{2}\.zip$/);

  const intact = verify(file);
  expect(intact.out).toContain('Evidence pack intact');
  expect(intact.code).toBe(0);

  // One changed byte in the report: the CLI names the file.
  const files = unzipSync(readFileSync(file));
  const report = Uint8Array.from(files['report.html']!);
  report[100] = (report[100] ?? 0) ^ 1;
  const tampered = path.join(dir, 'tampered.zip');
  writeFileSync(tampered, zipSync({ ...files, 'report.html': report }));
  const broken = verify(tampered);
  expect(broken.code).toBe(1);
  expect(broken.out).toContain('report.html: changed');
});

/** The attachment of a multipart MIME message (base64, as Vigil's mailer writes it). */
function zipAttachment(raw: string): Buffer {
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1] ?? '';
  const part = raw.split(`--${boundary}`).find((p) => /Content-Type: application\/zip/i.test(p)) ?? '';
  return Buffer.from(part.slice(part.search(/\r?\n\r?\n/)).replace(/\s+/g, ''), 'base64');
}

test('report schedules: without an e-mail channel the page says so; with one, "Send now" mails a pack the CLI verifies', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const mails: Array<{ to: string[]; raw: string }> = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  try {
    // A manager schedules the pack; no e-mail channel exists yet.
    const manager = new AppShell(page);
    await manager.signIn('manager', '/compliance?tz=utc');
    const schedules = page.getByRole('region', { name: 'Report schedules' });
    await expect(schedules.getByTestId('schedule-delivery')).toContainText('Delivery not configured');
    await schedules.getByLabel('Recipient').fill('auditor@example.com');
    await schedules.getByRole('button', { name: 'Schedule this framework' }).click();
    const row = schedules.getByTestId('schedule-row').filter({ hasText: 'auditor@example.com' });
    await expect(row).toContainText('not run yet');
    await expect(row).toContainText(/06:00/);
    await schedules.scrollIntoViewIfNeeded();
    await schedules.screenshot({ path: 'test-results/compliance-schedules-manager.png' });

    // An admin (with the second factor) adds an e-mail channel, then sends the pack now.
    const adminPage = await (await browser.newContext()).newPage();
    const admin = new AppShell(adminPage);
    await admin.signIn('admin', '/alerts?tab=channels');
    await adminPage.getByRole('button', { name: 'Verify with authenticator' }).click();
    await admin.fillSignInForm('admin', true);
    await expect(adminPage.getByTestId('user-roles')).toHaveText('admin · MFA');
    await adminPage.getByRole('button', { name: 'New channel' }).click();
    const form = adminPage.getByRole('form', { name: /channel/i });
    await form.getByLabel('Name', { exact: true }).fill('Compliance relay');
    await form.getByLabel('Kind').selectOption('email');
    await form.getByLabel('SMTP host').fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(smtpPort));
    await form.getByLabel('Security').selectOption('none');
    await form.getByLabel('From', { exact: true }).fill('vigil@example.com');
    await form.getByLabel('To', { exact: true }).fill('soc@example.com');
    await form.getByRole('button', { name: 'Create channel' }).click();
    await expect(adminPage.getByRole('row').filter({ hasText: 'Compliance relay' }).first()).toBeVisible();

    await adminPage.goto('/compliance?tz=utc');
    const adminSchedules = adminPage.getByRole('region', { name: 'Report schedules' });
    await expect(adminSchedules.getByTestId('schedule-delivery')).toContainText('through the e-mail channel “Compliance relay”');
    const adminRow = adminSchedules.getByTestId('schedule-row').filter({ hasText: 'auditor@example.com' });
    await adminRow.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => mails.length, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect(adminRow).toContainText(/delivered \d{4}-\d{2}-\d{2}/, { timeout: 30_000 });
    await adminSchedules.scrollIntoViewIfNeeded();
    await adminSchedules.screenshot({ path: 'test-results/compliance-schedules-admin.png' });

    const mail = mails[0]!;
    expect(mail.to).toEqual(['auditor@example.com']);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-mailed-pack-'));
    const file = path.join(dir, 'mailed.zip');
    writeFileSync(file, zipAttachment(mail.raw));
    const result = verify(file);
    expect(result.out).toContain('Evidence pack intact');
    expect(result.code).toBe(0);
    // The recipient is no Vigil user: the pack holds pseudonyms, not the seeded people.
    const texts = Object.values(unzipSync(readFileSync(file))).map((f) => Buffer.from(f).toString('utf8')).join('\n');
    expect(texts).not.toContain('tobias.becker');
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
});
