import type { Page } from '@playwright/test';

/** The Anomalies view: heat strip, ranked list, and the open anomaly's detail. */
export class AnomaliesPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  list() {
    return this.page.getByRole('list', { name: 'Anomalies by score' });
  }

  rows() {
    return this.list().getByRole('listitem');
  }

  heatStrip() {
    return this.page.getByRole('table', { name: 'Highest anomaly score per subject and day' });
  }

  detail() {
    return this.page.locator('.anomaly-detail');
  }

  explanation() {
    return this.page.getByRole('region', { name: 'Explanation' });
  }

  changes() {
    return this.page.getByRole('region', { name: 'What changed before' });
  }

  chart() {
    return this.detail().getByRole('img', { name: /with its expected band/ });
  }
}
