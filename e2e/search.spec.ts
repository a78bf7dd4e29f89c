import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.ts';
import { SearchPage } from './pages/search-page.ts';

// The seeded SSH brute force (README "Demo data"): yesterday (UTC) 02:05–02:15, 360 failed
// passwords from 185.220.101.47 on ecs-prod/auth (ecs-bastion-01), then a successful login.
const ATTACKER = '185.220.101.47';

test('an analyst finds the SSH brute force, narrows it down, reads the context and shares the view', async ({ page, browser }) => {
  // Two sign-ins (the analyst and the colleague the link goes to) on a shared 2-core machine.
  test.setTimeout(60_000);
  await new AppShell(page).signIn('analyst', '/search?range=7d&tz=utc');
  const search = new SearchPage(page);

  await search.search(`"Failed password" AND ${ATTACKER}`);
  await expect(search.statusLine()).toHaveText('360 of 360 lines (newest first) · complete');
  await expect(search.rows().first()).toContainText('Failed password');
  await expect(search.rows().first().locator('mark').filter({ hasText: ATTACKER })).toBeVisible();
  await expect(search.histogram()).toContainText('360 matching');
  // The bench reads these marks: from Enter to the first rows on screen.
  const marks = await page.evaluate(() => ['search:enter', 'search:first-results'].map((name) => performance.getEntriesByName(name).length));
  expect(marks[0]).toBeGreaterThan(0);
  expect(marks[1]).toBeGreaterThan(0);

  // Narrow by a facet: the host is added to the query, in the analyst's words.
  await search.facetValue('hostName', 'ecs-bastion-01').click();
  await expect(search.queryInput()).toHaveValue(`"Failed password" AND ${ATTACKER} hostName:ecs-bastion-01`);
  await expect(search.statusLine()).toHaveText('360 of 360 lines (newest first) · complete');

  // Brush the spike on the histogram: the window becomes those bars, kept in the URL.
  await search.brushAroundBars();
  await expect(page).toHaveURL(/from=.*&to=/);
  const from = Date.parse(search.params().get('from')!);
  const to = Date.parse(search.params().get('to')!);
  expect(to - from).toBeLessThanOrEqual(24 * 3_600_000);
  await expect(page.getByRole('button', { name: /^Time range: \d{4}-\d\d-\d\d/ })).toBeVisible();
  await expect(search.statusLine()).toHaveText('360 of 360 lines (newest first) · complete');

  // The newest failure, opened, then in context: the successful login follows it.
  await search.rows().first().getByRole('button').first().click();
  await expect(search.rows().first()).toContainText('ecs-bastion-01');
  await search.page.getByRole('button', { name: 'Show context' }).click();
  const context = search.contextPanel();
  await expect(context).toContainText('ecs-prod/auth');
  await expect(context.locator('[aria-current="true"]')).toContainText('Failed password');
  await expect(context).toContainText(`Accepted password for deploy from ${ATTACKER}`);

  const shared = page.url();
  expect(search.params().get('context')).toBe('1');

  // A colleague opens the link (their own browser, their own sign-in) and sees the same view.
  const colleague = await browser.newContext();
  const other = await colleague.newPage();
  await new AppShell(other).signIn('analyst', new URL(shared).pathname + new URL(shared).search);
  const theirs = new SearchPage(other);
  await expect(theirs.queryInput()).toHaveValue(`"Failed password" AND ${ATTACKER} hostName:ecs-bastion-01`);
  await expect(theirs.statusLine()).toHaveText('360 of 360 lines (newest first) · complete');
  await expect(theirs.contextPanel().locator('[aria-current="true"]')).toContainText('Failed password');
  await expect(theirs.contextPanel()).toContainText(`Accepted password for deploy from ${ATTACKER}`);
  await expect(other.getByRole('button', { name: 'Show context' })).toBeVisible();
  expect(new URL(other.url()).search).toBe(new URL(shared).search);
  await colleague.close();

  // Back and forward step between searches: back undoes the brush, forward redoes it.
  await page.keyboard.press('Escape');
  await expect(search.contextPanel()).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/range=7d/);
  await expect(search.queryInput()).toHaveValue(`"Failed password" AND ${ATTACKER} hostName:ecs-bastion-01`);
  await page.goBack();
  await expect(search.queryInput()).toHaveValue(`"Failed password" AND ${ATTACKER}`);
  await page.goForward();
  await expect(search.queryInput()).toHaveValue(`"Failed password" AND ${ATTACKER} hostName:ecs-bastion-01`);
});

test('the keyboard drives the results and a broken query is explained before it is sent', async ({ page }) => {
  await new AppShell(page).signIn('analyst', `/search?range=7d&tz=utc&q=${encodeURIComponent(`"Failed password" AND ${ATTACKER}`)}`);
  const search = new SearchPage(page);
  await expect(search.statusLine()).toHaveText('360 of 360 lines (newest first) · complete');

  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(search.rows().nth(1).locator('[aria-current="true"]')).toHaveCount(1);
  await expect(search.rows().nth(0).locator('[aria-current="true"]')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(search.rows().nth(1).getByRole('table')).toContainText('/var/log/auth.log');
  await page.keyboard.press('Escape');
  await expect(search.rows().nth(1).getByRole('table')).toHaveCount(0);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.keyboard.press('/');
  await expect(search.queryInput()).toBeFocused();
  await page.keyboard.type(' AND (level:');
  await expect(page.locator('.query-bar__error')).toContainText('at character');
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeDisabled();
});
