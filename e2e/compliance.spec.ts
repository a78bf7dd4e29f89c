import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
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
