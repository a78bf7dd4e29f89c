import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.ts';
import { SearchPage } from './pages/search-page.ts';

// Substrings of 3+ characters come from the trigram index; shorter ones are checked line by
// line, and the result says so next to its status (search/README.md, "Bounds").
test('an analyst sees which part of a query was not served from an index', async ({ page }) => {
  // A sign-in and two searches on a shared 2-core machine.
  test.setTimeout(90_000);
  await new AppShell(page).signIn('analyst', '/search?range=7d&tz=utc');
  const search = new SearchPage(page);

  await search.search('*ailed passw*');
  await expect(search.statusLine()).toContainText('complete');
  await expect(search.rows().first()).toContainText('ailed passw');
  await expect(search.notIndexedNote()).toHaveCount(0);

  await search.search('*ss*');
  await expect(search.statusLine()).toContainText('(newest first)');
  await expect(search.notIndexedNote()).toContainText('Not served from an index: substring *ss*.');
  await expect(search.notIndexedNote()).toContainText('Vigil checked the lines of the window one by one instead');
  await page.screenshot({ path: 'test-results/search-not-indexed.png' });
});
