import { expect, type Locator, type Page } from '@playwright/test';

/** The audit trail view: timeline, filters, operations table and the detail drawer. */
export class AuditPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  timeline(): Locator {
    return this.page.getByRole('region', { name: 'Timeline' });
  }

  /** The chart's canvas; its accessible name summarises what it draws. */
  chart(): Locator {
    return this.timeline().getByRole('img', { name: /^Timeline: / });
  }

  /** An incident point on the timeline, by its label (operation, time, user). */
  incident(label: RegExp): Locator {
    return this.timeline().getByRole('list', { name: 'Incidents on the timeline' }).getByRole('button', { name: label });
  }

  /**
   * Clicks an incident where the chart draws it. The hotspot lets the pointer through to the
   * canvas, so this is a real click on the ECharts point, not on the button.
   */
  async clickIncident(label: RegExp): Promise<void> {
    const spot = this.incident(label);
    await expect(spot).toBeAttached();
    await spot.click({ force: true });
  }

  /** Drags across the chart from one fraction of its width to another (brush to zoom). */
  async brush(fromFraction: number, toFraction: number): Promise<void> {
    const box = await this.chart().boundingBox();
    if (!box) throw new Error('the timeline is not on screen');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * fromFraction, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * toFraction, y, { steps: 8 });
    await this.page.mouse.up();
  }

  quickFilter(label: string): Locator {
    return this.page.getByRole('group', { name: 'Quick filters' }).getByRole('button', { name: label });
  }

  operations(): Locator {
    return this.page.getByRole('grid', { name: 'Operations' });
  }

  /** Rows of the operations table (the header row excluded). */
  rows(): Locator {
    return this.operations().getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  drawer(): Locator {
    return this.page.getByRole('complementary', { name: 'Operation details' });
  }

  /** A value in the drawer's list of fields, e.g. fact('Source IP'). */
  fact(label: string): Locator {
    return this.drawer().locator('.trace-facts__row').filter({ has: this.page.getByText(label, { exact: true }) }).locator('dd');
  }

  async pivot(label: 'Everything by this user' | 'Everything from this IP' | 'Everything on this resource'): Promise<void> {
    await this.drawer().getByRole('button', { name: label }).click();
  }

  logsAround(): Locator {
    return this.drawer().getByRole('link', { name: 'Logs around this operation' });
  }

  params(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }
}
