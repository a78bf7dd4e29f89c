import { expect, type Page } from '@playwright/test';
import { totpCode } from '../../src/server/idp/totp.ts';
import { DEFAULT_DEMO_TOTP_SECRET } from '../../src/server/idp/demo-users.ts';

export const DEMO_PASSWORD = process.env.VIGIL_DEMO_PASSWORD ?? 'vigil-demo';

/** The shell around every view: header, navigation, user area, and the sign-in round trip. */
export class AppShell {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  nav() {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  async navLabels(): Promise<string[]> {
    return (await this.nav().getByRole('link').allInnerTexts()).map((label) => label.trim());
  }

  /** Signs in through the embedded provider's own login page and waits to be back in Vigil. */
  async signIn(username: string, path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.page.getByRole('banner').getByRole('button', { name: 'Sign in' }).click();
    await this.fillSignInForm(username);
    await expect(this.page.getByTestId('user-name')).toBeVisible();
  }

  async fillSignInForm(username: string, withOtp = false): Promise<void> {
    await expect(this.page).toHaveURL(/\/idp\/interaction\//);
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(DEMO_PASSWORD);
    if (withOtp) await this.page.getByLabel('Authenticator code').fill(totpCode(DEFAULT_DEMO_TOTP_SECRET, Date.now()));
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    // The provider asks to confirm ending its session too.
    await expect(this.page).toHaveURL(/\/idp\/session\/end/);
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    // Back in Vigil, signed out of both.
    await expect(this.page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
  }
}
