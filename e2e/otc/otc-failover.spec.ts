import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell.ts';
import { AuditPage } from '../pages/audit-page.ts';
import { SearchPage } from '../pages/search-page.ts';

const sims = JSON.parse(process.env.VIGIL_E2E_SIM_URLS ?? '{}') as Record<'eu-de' | 'eu-nl', string>;

async function fault(region: 'eu-de' | 'eu-nl', mode: 'dead' | 'none'): Promise<void> {
  const response = await fetch(`${sims[region]}/__sim/fault`, { method: 'POST', body: JSON.stringify({ mode }) });
  expect(response.ok).toBe(true);
}

test.afterEach(async () => {
  await fault('eu-de', 'none');
});

test('on the OTC store, the analyst keeps searching and auditing when the primary region dies', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  const search = new SearchPage(page);
  await shell.signIn('analyst', '/search?range=7d&tz=utc');

  // LTS in eu-de answers: the brute force is found there, and the result says so.
  await search.search('"Failed password" AND 185.220.101.47');
  await expect(search.rows().first()).toContainText('Failed password');
  // The address is one LTS token but several Vigil words: Vigil checks those lines itself.
  await expect(page.getByTestId('remote-status')).toHaveText('Answered by OTC region eu-de · part of the query was applied by Vigil to 360 lines LTS returned');
  await expect(page.getByTestId('region-badge')).toHaveCount(0);

  // The audit trail reads CTS in the same region.
  const audit = new AuditPage(page);
  await page.goto('/audit?range=72h&tz=utc&user=tobias.becker');
  await expect(audit.timeline()).toContainText('operations');
  await expect(page.getByRole('row').filter({ hasText: 'deleteTracker' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/playwright-otc/primary.png' });

  // eu-de goes away (connections reset). The next search is retried on eu-nl and says so.
  await fault('eu-de', 'dead');
  await page.goto('/search?range=7d&tz=utc');
  await search.search('"Accepted password for deploy"');
  await expect(search.rows().first()).toContainText('Accepted password for deploy');
  await expect(page.getByTestId('remote-status')).toContainText('eu-nl');
  // The header shows that Vigil runs on the secondary region.
  await expect(page.getByTestId('region-badge')).toHaveText('Failover: eu-nl', { timeout: 20_000 });
  await page.screenshot({ path: 'test-results/playwright-otc/failover.png' });

  // Results keep coming from eu-nl, in search and in the audit trail.
  await search.search('sudo');
  await expect(search.rows().first()).toBeVisible();
  await expect(page.getByTestId('remote-status')).toHaveText(/^Answered by OTC region eu-nl$/);
  await page.goto('/audit?range=72h&tz=utc&user=tobias.becker');
  await expect(page.getByRole('row').filter({ hasText: 'deleteTracker' }).first()).toBeVisible();
  await expect(page.getByTestId('region-badge')).toHaveText('Failover: eu-nl');
  await page.screenshot({ path: 'test-results/playwright-otc/failover-audit.png' });

  // eu-de comes back: Vigil fails back by itself and the badge goes away.
  await fault('eu-de', 'none');
  await expect(page.getByTestId('region-badge')).toHaveCount(0, { timeout: 30_000 });
});
