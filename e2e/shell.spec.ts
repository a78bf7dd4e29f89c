import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.ts';

test('the overview shows live store health to anyone and log groups with retention to signed-in users', async ({ page }) => {
  await page.goto('/');
  const status = page.getByRole('region', { name: 'Store status' });
  await expect(status).toContainText('Running');
  await expect(status).toContainText('Embedded (local)');
  await expect(page.getByRole('region', { name: 'Log groups' })).toContainText('Sign in to see log groups');

  await new AppShell(page).signIn('analyst');
  const groups = page.getByRole('region', { name: 'Log groups' });
  for (const name of ['ecs-prod', 'cce-cluster', 'network', 'CTS']) {
    await expect(groups.getByRole('article', { name })).toContainText('Retention');
  }
  await expect(groups.getByRole('article', { name: 'ecs-prod' }).getByRole('row', { name: /auth/ })).toBeVisible();
});

test('the time range and display zone live in the URL and survive navigation and reload', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.signIn('analyst');
  await page.getByRole('button', { name: /^Time range:/ }).click();
  await page.getByRole('dialog', { name: 'Choose time range' }).getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/range=7d/);
  await page.getByText('UTC', { exact: true }).click();
  await expect(page).toHaveURL(/tz=utc/);

  await shell.nav().getByRole('link', { name: 'Audit trail' }).click();
  await expect(page).toHaveURL(/\/audit\?.*range=7d/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Time range: Last 7 days' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/\?.*range=7d/);
});

test('the theme follows the OS and can be switched per user', async ({ page }) => {
  // The page background (--bg) of each theme.
  const dark = 'rgb(14, 17, 21)';
  const light = 'rgb(243, 244, 246)';
  const html = page.locator('html');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(html).toHaveCSS('background-color', dark);
  await page.getByTitle('Light theme').click();
  await expect(html).toHaveCSS('background-color', light);
  await page.reload();
  await expect(html).toHaveCSS('background-color', light);
  await page.getByTitle('System theme').click();
  await expect(html).toHaveCSS('background-color', dark);
});

test('unknown pages get a 404 inside the shell; unknown API routes a JSON error', async ({ page, request }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  const api = await request.get('/api/no-such-endpoint');
  expect(api.status()).toBe(404);
  expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
});

test('every response carries a strict Content-Security-Policy and the app runs under it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  await expect(page.getByRole('region', { name: 'Store status' })).toContainText('Running');
  expect(violations).toEqual([]);
});
