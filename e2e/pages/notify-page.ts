import type { Page } from '@playwright/test';

/** The Alerts view's notification tabs: channels, silences, delivery status. */
export class NotifyPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  tab(name: 'Channels' | 'Silences' | 'Delivery status') {
    return this.page.getByRole('tab', { name });
  }

  channelForm() {
    return this.page.getByRole('form', { name: /channel/i });
  }

  channelRow(name: string) {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  preview() {
    return this.page.getByRole('region', { name: 'Message preview' });
  }
}
