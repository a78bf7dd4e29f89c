import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.ts';
import { SearchPage } from './pages/search-page.ts';

// Log content is hostile. These lines go through the real import into the running server's store
// and must come back on screen as inert, readable text.
const MARK = 'xsscorpus';
const LINES = [
  `<img src=x onerror="window.__vigilXss=1"> ${MARK} img`,
  `<script>window.__vigilXss=2</script> ${MARK} script`,
  `<a href="javascript:window.__vigilXss=3">click me</a> ${MARK} link`,
  `javascript:window.__vigilXss=4 ${MARK} bare`,
  `\u001b[31mred alert\u001b[0m ${MARK} ansi`,
  `invoice\u202Egpj.exe ${MARK} rtl`,
  `${MARK} long ${'A'.repeat(9_000)}`,
];

test('hostile log lines render inert and readable in search results and details', async ({ page }) => {
  test.setTimeout(60_000);
  const dataDir = process.env.VIGIL_E2E_DATA_DIR;
  if (!dataDir) throw new Error('VIGIL_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'vigil-hostile-')), 'hostile.log');
  const stamp = new Date(Date.now() - 60_000).toISOString();
  writeFileSync(file, LINES.map((line) => `${stamp} ${line}`).join('\n') + '\n');
  execFileSync(process.execPath, ['src/server/cli.ts', 'import', file, '--group', 'hostile', '--stream', 'corpus', '--data-dir', dataDir]);

  await new AppShell(page).signIn('analyst', '/search?range=1h');
  const search = new SearchPage(page);
  await search.search(MARK);
  await expect(search.statusLine()).toHaveText(`${LINES.length} of ${LINES.length} lines (newest first) · complete`);

  const results = search.results();
  await expect(results).toContainText('<img src=x onerror="window.__vigilXss=1">');
  await expect(results).toContainText('<script>window.__vigilXss=2</script>');
  await expect(results).toContainText('␛[31mred alert␛[0m');
  await expect(results).toContainText('invoice⟨U+202E⟩gpj.exe');
  expect(await results.locator('img, script, iframe, a[href^="javascript:"]').count()).toBe(0);

  // Open every line: the detail view renders the same content as text too.
  const rows = search.rows();
  for (let index = 0; index < LINES.length; index++) {
    await rows.nth(index).getByRole('button').first().click();
  }
  expect(await page.locator('main img, main script, main iframe, main a[href^="javascript:"]').count()).toBe(0);
  expect(await page.evaluate(() => (globalThis as { __vigilXss?: number }).__vigilXss)).toBeUndefined();
});
