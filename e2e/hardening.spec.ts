import { expect, test } from '@playwright/test';

test('a stranger guessing passwords is slowed down with a reason, and the real user still signs in', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('banner').getByRole('button', { name: 'Sign in' }).click();
  for (let i = 0; i < 4; i++) {
    await page.getByLabel('Username').fill('mallory');
    await page.getByLabel('Password').fill(`guess-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Unknown username or wrong password.');
  }
  await page.getByLabel('Username').fill('mallory');
  await page.getByLabel('Password').fill('guess-5');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Too many failed attempts from your address. Wait');
  await page.screenshot({ path: 'test-results/hardening-throttled-sign-in.png' });

  // Another account from the same address is not affected.
  await page.getByLabel('Username').fill('analyst');
  await page.getByLabel('Password').fill('vigil-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-name')).toHaveText('Ana Lyst');
});

test('static files: missing assets are 404, HTML is never cached, no mock worker or source maps are served', async ({ request }) => {
  for (const url of ['/assets/index-deadbeef.js', '/mockServiceWorker.js', '/assets/index.js.map']) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
    expect(response.headers()['cache-control'] ?? '', url).not.toContain('immutable');
  }
  for (const url of ['/', '/search?range=24h']) {
    const page = await request.get(url);
    expect(page.headers()['content-type'], url).toContain('text/html');
    expect(page.headers()['cache-control'], url).toBe('no-cache');
  }
  const long = await request.get(`/api/logs/search?q=${'a'.repeat(20_000)}`);
  expect(long.status()).toBe(431);
  expect((await long.json()) as unknown).toMatchObject({ error: { code: 'bad_request' } });
});
