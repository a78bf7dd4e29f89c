import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.ts';

const EVERY_VIEW = ['Overview', 'Search', 'Audit trail', 'Anomalies', 'Alerts', 'Compliance', 'Admin'];
const PERMITTED: Record<string, string[]> = {
  analyst: ['Overview', 'Search', 'Audit trail', 'Anomalies', 'Alerts'],
  admin: EVERY_VIEW,
  manager: ['Overview', 'Audit trail', 'Anomalies', 'Alerts', 'Compliance'],
  lead: ['Overview', 'Search', 'Audit trail', 'Anomalies', 'Alerts', 'Compliance'],
  nobody: ['Overview'],
};
const FORBIDDEN_URL: Record<string, { path: string; role: string } | null> = {
  analyst: { path: '/admin', role: 'admin' },
  admin: null,
  manager: { path: '/search', role: 'analyst or admin' },
  lead: { path: '/admin', role: 'admin' },
  nobody: { path: '/audit', role: 'analyst or admin or manager' },
};

test('a signed-out visitor sees only the overview and is asked to sign in elsewhere', async ({ page }) => {
  const shell = new AppShell(page);
  await page.goto('/search?range=24h');
  await expect(page.getByText('Sign in to open this view')).toBeVisible();
  expect(await shell.navLabels()).toEqual(['Overview']);
});

for (const [username, permitted] of Object.entries(PERMITTED)) {
  test(`${username} signs in, sees exactly the permitted navigation, is refused elsewhere, signs out`, async ({ page }) => {
    const shell = new AppShell(page);
    await shell.signIn(username);
    await expect.poll(() => shell.navLabels()).toEqual(permitted);

    const forbidden = FORBIDDEN_URL[username];
    if (forbidden) {
      await page.goto(forbidden.path);
      await expect(page.getByText(`You need the role ${forbidden.role}`)).toBeVisible();
    }
    await shell.signOut();
    expect(await shell.navLabels()).toEqual(['Overview']);
    // The provider session ended too: signing in asks for the password again.
    await page.getByRole('banner').getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Password')).toBeVisible();
  });
}

test('sign-in returns to the exact URL the user was on', async ({ page }) => {
  const shell = new AppShell(page);
  await page.goto('/audit?range=7d');
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await shell.fillSignInForm('analyst');
  await expect(page).toHaveURL(/\/audit\?range=7d$/);
  await expect(page.getByTestId('user-name')).toHaveText('Ana Lyst');
});

test('a wrong password is refused on the sign-in page with a reason', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('banner').getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill('analyst');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Unknown username or wrong password.');
});

test('the session renews silently before the access token expires', async ({ page }) => {
  test.setTimeout(60_000);
  const shell = new AppShell(page);
  await shell.signIn('analyst', '/?range=1h');
  const storedToken = () =>
    page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
      return key ? (JSON.parse(sessionStorage.getItem(key) as string) as { access_token: string; refresh_token?: string }) : null;
    });
  const first = await storedToken();
  expect(first?.refresh_token).toBeTruthy();
  // Tokens live 75 s in the journeys; renewal starts 60 s before expiry.
  await expect.poll(async () => (await storedToken())?.access_token, { timeout: 40_000, intervals: [2_000] }).not.toBe(first?.access_token);
  await page.reload();
  await expect(page.getByTestId('user-name')).toHaveText('Ana Lyst');
  await expect(page.getByRole('region', { name: 'Log groups' }).getByRole('article', { name: 'ecs-prod' })).toBeVisible();
});
