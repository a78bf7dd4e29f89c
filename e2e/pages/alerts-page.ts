import { expect, type Page } from '@playwright/test';

/** The Alerts view: rules with their editor and backtest, and alert events. */
export class AlertsPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async openRule(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name: `Edit rule: ${name}` })).toBeVisible();
  }

  backtestFires() {
    return this.page.getByTestId('backtest-fires');
  }

  backtestStatus() {
    return this.page.getByTestId('backtest-status');
  }

  field(label: string) {
    return this.page.getByRole('form', { name: 'Rule' }).getByLabel(label, { exact: true });
  }

  events() {
    return this.page.getByTestId('alert-events');
  }
}
