import type { Page } from '@playwright/test';

/** The Compliance view: score, controls, checks, the evidence drawer and the evidence pack. */
export class CompliancePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  score() {
    return this.page.getByTestId('compliance-score');
  }

  check(id: string) {
    return this.page.getByTestId(`check-${id}`);
  }

  control(id: string) {
    return this.page.getByTestId(`control-${id}`);
  }

  async openCheck(id: string): Promise<void> {
    await this.check(id).getByRole('button').click();
  }

  drawer() {
    return this.page.getByTestId('check-drawer');
  }

  downloadButton() {
    return this.page.getByRole('button', { name: /Download evidence pack/ });
  }

  params(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }
}
