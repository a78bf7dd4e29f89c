import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.ts';
import { SearchPage } from './pages/search-page.ts';

test('an admin creates an ingest token, an OTLP sender pushes with it, the line is searchable and the receiver counted it', async ({ page, request }) => {
  test.setTimeout(150_000);
  const shell = new AppShell(page);
  await shell.signIn('admin', '/admin?tab=ingest');
  await page.getByRole('button', { name: 'Verify with authenticator' }).click();
  await shell.fillSignInForm('admin', true);
  await expect(page).toHaveURL(/\/admin\?tab=ingest$/);
  await expect(page.getByTestId('user-roles')).toHaveText('admin · MFA');

  await page.getByLabel('Name').fill('e2e-collector');
  await page.getByLabel('Log groups (comma-separated)').fill('ecs-prod');
  await page.getByRole('button', { name: 'Create ingest token' }).click();
  const secret = (await page.getByTestId('new-token-secret').innerText()).trim();
  expect(secret).toMatch(/^vgi_/);

  // The token pushes lines to its group and nothing else; it cannot read.
  const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
  const record = (body: string) => ({ body: { stringValue: body }, severityNumber: 17, attributes: [{ key: 'order.id', value: { intValue: '4711' } }] });
  const otlp = (group: string, body: string) => ({
    resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }, { key: 'vigil.log_group', value: { stringValue: group } }] }, scopeLogs: [{ logRecords: [record(body)] }] }],
  });
  expect((await request.post('/v1/logs', { headers, data: otlp('ecs-prod', 'e2e-otlp-payment <b>declined</b> for order 4711') })).status()).toBe(200);
  expect((await request.post('/v1/logs', { headers, data: otlp('network', 'should not land') })).status()).toBe(403);
  expect((await request.get('/api/log-groups', { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);

  await page.reload();
  const otlpRow = page.getByRole('row', { name: /^otlp/ });
  // The page reloads on a busy machine: give the first render more time than the default.
  await expect(otlpRow).toContainText('1 forbidden group', { timeout: 30_000 });
  await expect(page.getByRole('row', { name: /e2e-collector/ })).toContainText('ecs-prod');
  await page.screenshot({ path: 'test-results/ingest-admin.png', fullPage: true });

  await page.goto('/search?range=1h&q=e2e-otlp-payment');
  const search = new SearchPage(page);
  await expect(search.rows()).toHaveCount(1);
  // Hostile markup in the body is shown as text.
  await expect(search.rows().first()).toContainText('e2e-otlp-payment <b>declined</b> for order 4711');
  await page.screenshot({ path: 'test-results/ingest-search.png' });
});
