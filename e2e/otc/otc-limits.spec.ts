import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.ts';
import { SearchPage } from '../pages/search-page.ts';

// What LTS and CTS cannot do is said, not hidden: line counts come from LTS (or read "unknown"),
// CTS's 7-day query limit makes an older window partial, and the live tail keeps to the read
// quota and shows when it was throttled.
test('on the OTC store, counts, the CTS 7-day limit and the live tail quota are shown honestly', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  await shell.signIn('analyst', '/?tz=utc');

  // Line counts: LTS counts each stream in the background; a reload shows them.
  const groups = page.getByRole('region', { name: 'Log groups' });
  const auth = groups.getByRole('article', { name: 'ecs-prod' }).getByRole('row', { name: /auth/ });
  await expect(auth).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(async () => {
    // In-app navigation remounts the overview, which asks for the groups again.
    await nav.getByRole('link', { name: 'Search' }).click();
    await nav.getByRole('link', { name: 'Overview' }).click();
    await expect(auth.getByRole('cell').nth(1)).toHaveText(/^[1-9][\d,]*$/, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(groups).not.toContainText('line count unknown');
  await page.screenshot({ path: 'test-results/playwright-otc/counts.png', fullPage: true });

  // The audit trail over 30 days: CTS answers 7, and the view says so.
  await page.goto('/audit?range=30d&tz=utc&user=tobias.becker');
  await expect(page.getByTestId('trace-limit').first()).toContainText('CTS answers trace queries over the last 7 days only');
  await expect(page.getByTestId('trace-region')).toHaveText('Answered by OTC region eu-de');
  await expect(page.getByRole('row').filter({ hasText: 'deleteTracker' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/playwright-otc/cts-partial.png', fullPage: true });
  // Within 7 days nothing is cut.
  await page.goto('/audit?range=72h&tz=utc');
  await expect(page.getByTestId('trace-region')).toBeVisible();
  await expect(page.getByTestId('trace-limit')).toHaveCount(0);

  // The live tail polls at the pace the read quota allows…
  const search = new SearchPage(page);
  await page.goto('/search?range=1h&tz=utc');
  await search.search('sshd');
  await expect(search.statusLine()).not.toHaveText('');
  await page.getByRole('button', { name: 'Live tail' }).click();
  await expect(page.getByTestId('tail-pace')).toHaveText(/^Every \d+(\.\d)? s: LTS allows \d+ reads a minute per /);
  await page.screenshot({ path: 'test-results/playwright-otc/tail-pace.png' });

  // …and when searches use up a stream's reads, the tail says it is throttled instead of missing lines.
  for (const q of ['sudo', 'Accepted', 'session', 'Failed', 'CRON', 'kernel']) {
    await search.search(q);
    await expect(search.statusLine()).not.toHaveText('');
  }
  await expect(page.getByTestId('tail-throttled')).toContainText("Throttled: the store's read quota refused", { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/playwright-otc/tail-throttled.png' });
});
