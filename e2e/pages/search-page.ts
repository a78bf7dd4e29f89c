import { expect, type Locator, type Page } from '@playwright/test';

/** What the histogram's pixels are read through (e2e code compiles without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getBoundingClientRect(): { width: number };
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> } } | null;
}

/** The log search view: query bar, stream picker, histogram, facets, results and the context panel. */
export class SearchPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  queryInput(): Locator {
    return this.page.getByRole('combobox', { name: 'Search query' });
  }

  /** Types a query and runs it with Enter, as an analyst would. */
  async search(query: string): Promise<void> {
    await this.queryInput().fill(query);
    await this.queryInput().press('Enter');
  }

  statusLine(): Locator {
    return this.page.getByTestId('status-line');
  }

  /** The note naming query parts no index served (the lines were checked one by one instead). */
  notIndexedNote(): Locator {
    return this.page.getByTestId('not-indexed-status');
  }

  results(): Locator {
    return this.page.getByRole('list', { name: 'Log lines' });
  }

  rows(): Locator {
    return this.results().getByRole('listitem');
  }

  facets(): Locator {
    return this.page.getByRole('complementary', { name: 'Field values' });
  }

  /** A facet value's include button, e.g. facetValue('hostName', 'ecs-bastion-01'). */
  facetValue(field: string, value: string): Locator {
    return this.facets().getByRole('button', { name: new RegExp(`^Filter on ${field}: ${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`) });
  }

  histogram(): Locator {
    return this.page.getByRole('region', { name: 'Lines over time' });
  }

  chart(): Locator {
    return this.histogram().getByRole('img');
  }

  /**
   * Drags across the bars that have data (found by their colour on the canvas), from a little
   * before the first to a little after the last: the brush an analyst draws around a spike.
   */
  async brushAroundBars(): Promise<void> {
    const canvas = this.chart().locator('canvas').first();
    await expect(canvas).toBeVisible();
    const columns = await canvas.evaluate((node) => {
      const element = node as unknown as CanvasLike;
      const context = element.getContext('2d');
      if (!context) return null;
      const scale = element.width / element.getBoundingClientRect().width;
      // Halfway up the plot only bars are drawn (no labels), and a spike reaches that high.
      const y = Math.round(element.height * 0.55);
      const row = context.getImageData(0, y, element.width, 1).data;
      const coloured: number[] = [];
      for (let x = 0; x < element.width; x++) {
        const [r, g, b] = [row[x * 4]!, row[x * 4 + 1]!, row[x * 4 + 2]!];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured.push(x / scale);
      }
      return coloured.length === 0 ? null : { first: coloured[0]!, last: coloured.at(-1)! };
    });
    if (!columns) throw new Error('no bars with data on the histogram');
    const box = (await canvas.boundingBox())!;
    const y = box.y + box.height * 0.55;
    await this.page.mouse.move(box.x + columns.first - 3, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + columns.last + 3, y, { steps: 6 });
    await this.page.mouse.up();
  }

  contextPanel(): Locator {
    return this.page.getByRole('complementary', { name: 'Line in context' });
  }

  params(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }
}
