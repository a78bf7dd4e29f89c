import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.ts';
import { SearchPage } from './pages/search-page.ts';

// The seeded SSH brute force (README "Demo data"): 360 failed passwords from 185.220.101.47.
const ATTACKER = '185.220.101.47';

test('an analyst exports the SSH brute force as CSV and the file holds exactly those lines', async ({ page }) => {
  await new AppShell(page).signIn('analyst', '/search?range=7d&tz=utc');
  const search = new SearchPage(page);
  await search.search(`"Failed password" AND ${ATTACKER}`);
  await expect(search.statusLine()).toHaveText('360 of 360 lines (newest first) · complete');

  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export matching lines' });
  await expect(dialog).toContainText('newest first');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^vigil-logs_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.csv$/);
  await expect(dialog.getByRole('status')).toContainText('Every matching line is in the file.');

  const text = await readFile((await download.path())!, 'utf8');
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0]).toBe('time,id,group,stream,level,hostName,appName,content,labels');
  expect(lines).toHaveLength(1 + 360);
  for (const line of lines.slice(1)) {
    expect(line).toContain('Failed password');
    expect(line).toContain(ATTACKER);
    expect(line).toContain(',auth,');
  }
  // Newest first.
  const times = lines.slice(1).map((line) => Date.parse(line.split(',')[0]!));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  expect(text).not.toContain('# truncated');

  // With a row cap of 100 the file says so in its last row, and the view says so too.
  const cap = dialog.getByRole('spinbutton', { name: 'Row cap' });
  await cap.fill('100');
  const capped = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download CSV' }).click();
  const cappedText = await readFile((await (await capped).path())!, 'utf8');
  expect(cappedText.trimEnd().split('\r\n')).toHaveLength(1 + 100 + 1);
  expect(cappedText.endsWith('# truncated: row cap 100 reached\r\n')).toBe(true);
  await expect(dialog.getByRole('status')).toContainText('The row cap of 100 lines was reached');
  await page.screenshot({ path: 'test-results/search-export.png' });
});
