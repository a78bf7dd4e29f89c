import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.ts';

test('an admin steps up with a TOTP code, creates an API token, sees it audited and revokes it', async ({ page, request }) => {
  const shell = new AppShell(page);
  await shell.signIn('admin', '/admin?tab=tokens');
  await expect(page.getByText('Changes need multi-factor sign-in.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create token' })).toBeDisabled();

  // Step-up: the provider asks for the password again and, this time, the authenticator code.
  await page.getByRole('button', { name: 'Verify with authenticator' }).click();
  await shell.fillSignInForm('admin', true);
  await expect(page).toHaveURL(/\/admin\?tab=tokens$/);
  await expect(page.getByTestId('user-roles')).toHaveText('admin · MFA');

  await page.getByLabel('Name').fill('e2e-export');
  await page.getByLabel('Role').selectOption('analyst');
  await page.getByLabel('Expires in (days)').fill('7');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token-secret').innerText()).trim();
  expect(secret).toMatch(/^vgl_/);

  // The token works for what its role allows, and nothing more.
  const auth = { authorization: `Bearer ${secret}` };
  expect((await request.get('/api/log-groups', { headers: auth })).status()).toBe(200);
  expect((await request.get('/api/admin/tokens', { headers: auth })).status()).toBe(403);

  await page.getByRole('tab', { name: 'Vigil audit' }).click();
  await expect(page.getByTestId('chain-status')).toContainText('Chain intact up to record');
  await page.getByRole('row').filter({ hasText: 'createApiToken' }).first().click();
  const detail = page.getByRole('complementary');
  await expect(detail).toContainText('e2e-export');
  await expect(detail).not.toContainText(secret);

  await page.getByRole('tab', { name: 'API tokens' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Revoke e2e-export' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'e2e-export' })).toContainText('revoked');
  expect((await request.get('/api/log-groups', { headers: auth })).status()).toBe(401);
});
