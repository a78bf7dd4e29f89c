import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import type { LogLine, LogSearchPage } from '../../contract/schemas/log-search.ts';
import { errorResponse, mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { SearchPage } from './search-page.tsx';
import { makeContext, makeFacets, makeLine, makePage } from './search-test-data.ts';
import { makeHistogram } from './search-test-data.ts';

// jsdom has no canvas: the chart gets a stand-in ECharts; chart.test.tsx covers the wrapper itself.
vi.mock('../../components/echarts-runtime.ts', () => ({
  init: () => ({ setOption() {}, on() {}, off() {}, dispatchAction() {}, resize() {}, dispose() {} }),
}));

beforeAll(() => {
  // jsdom does not lay out, so it has no scrolling API; the context panel scrolls its line into view.
  Element.prototype.scrollIntoView ??= () => {};
});

interface Served {
  searches: URLSearchParams[];
  facets: URLSearchParams[];
}

/** Answers the search endpoints; `pages` are served in turn by cursor ('' for the first). */
function serve(pages: Record<string, LogSearchPage>): Served {
  const served: Served = { searches: [], facets: [] };
  server.use(
    mockEndpoint(endpoints.searchLogs, ({ request, query }) => {
      served.searches.push(new URL(request.url).searchParams);
      return pages[query.cursor ?? ''] ?? makePage([]);
    }),
    mockEndpoint(endpoints.logHistogram, () => makeHistogram()),
    mockEndpoint(endpoints.logFacets, ({ request }) => {
      served.facets.push(new URL(request.url).searchParams);
      return makeFacets();
    }),
  );
  return served;
}

const QUERY = '?range=7d&q=%22Failed+password%22+AND+185.220.101.47';

function renderSearch(search = QUERY) {
  return renderWithProviders(<SearchPage />, { route: `/search${search}` });
}

describe('SearchPage · results', () => {
  it('shows lines with time, level, stream and the matches marked, and an honest status line', async () => {
    const lines = [makeLine(), makeLine(), makeLine()];
    const served = serve({ '': makePage(lines) });
    renderSearch();
    const status = await screen.findByTestId('status-line');
    await waitFor(() => expect(status).toHaveTextContent('3 of 3 lines (newest first) · complete'));
    const list = screen.getByRole('list', { name: 'Log lines' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    const first = within(list).getAllByRole('listitem')[0]!;
    expect(first).toHaveTextContent('WARN');
    expect(first).toHaveTextContent('auth');
    expect([...first.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Failed password', '185.220.101.47']);
    expect(served.searches[0]?.get('q')).toBe('"Failed password" AND 185.220.101.47');
    expect(served.searches[0]?.get('order')).toBe('newest');
  });

  it('says when the count is unknown and when a bound cut the search short, and continues on request', async () => {
    serve({
      '': makePage([makeLine()], { total: undefined, complete: false, cursor: 'c1', truncatedReason: 'scan_limit', scanned: 2_000_000 }),
      c1: makePage([makeLine()], { total: undefined, complete: true, cursor: null, scanned: 10 }),
    });
    const { user } = renderSearch();
    const status = await screen.findByTestId('status-line');
    await waitFor(() =>
      expect(status).toHaveTextContent(
        '1 line so far (newest first) · incomplete: the search reached its scan limit after examining 2,000,000 lines; load more to continue',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Continue searching' }));
    await waitFor(() => expect(status).toHaveTextContent('2 lines (newest first) · complete'));
  });

  it('says which query parts no index served and that the lines were checked one by one instead', async () => {
    serve({ '': makePage([makeLine()], { scanned: 48_213, notIndexed: ['latency', '*ee*'] }) });
    renderSearch('?range=7d&q=latency%3E2+AND+*ee*');
    const note = await screen.findByTestId('not-indexed-status');
    expect(note).toHaveTextContent(
      'Not served from an index: field latency, substring *ee*. Vigil checked the lines of the window one by one instead (48,213 lines examined), which is slower and stops at the scan limit.',
    );
    expect(screen.getByTestId('status-line')).toHaveTextContent('1 of 1 line (newest first) · complete');
  });

  it('shows no such note when the indexes served the whole query', async () => {
    serve({ '': makePage([makeLine()]) });
    renderSearch();
    await waitFor(() => expect(screen.getByTestId('status-line')).toHaveTextContent('complete'));
    expect(screen.queryByTestId('not-indexed-status')).toBeNull();
  });

  it('pages with the cursor when the list is scrolled to its end', async () => {
    const served = serve({
      '': makePage([makeLine(), makeLine()], { total: 4, complete: false, cursor: 'next' }),
      next: makePage([makeLine(), makeLine()], { total: 4 }),
    });
    renderSearch();
    // Two rows are within reach of the end at once, so the next page loads without scrolling.
    await waitFor(() => expect(screen.getByTestId('status-line')).toHaveTextContent('4 of 4 lines (newest first) · complete'));
    expect(served.searches.map((params) => params.get('cursor'))).toEqual([null, 'next']);
  });

  it('says so when the chosen streams cannot be looked up, instead of searching something else', async () => {
    const served = serve({});
    server.use(mockEndpoint(endpoints.listLogGroups, () => errorResponse(503, 'unavailable', 'The store is rebuilding its index.')));
    renderSearch('?range=7d&stream=ecs-prod/auth&stream=network/vpc-flow');
    expect(await screen.findByText(/The chosen streams cannot be looked up: The store is rebuilding its index/)).toBeInTheDocument();
    expect(served.searches).toHaveLength(0);
  });

  it('explains an empty result', async () => {
    serve({});
    renderSearch();
    expect(await screen.findByText('No lines match')).toBeInTheDocument();
    expect(screen.getByText(/Nothing in the last 7 days matches/)).toBeInTheDocument();
  });
});

describe('SearchPage · query', () => {
  it('underlines a parse error with its message and sends nothing', async () => {
    const served = serve({});
    const { container } = renderSearch('?range=7d&q=level%3A');
    const input = screen.getByRole('combobox', { name: 'Search query' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(await screen.findByText(/expected a value after "level:"/, { selector: '.query-bar__error' })).toBeVisible();
    expect(container.querySelector('.tok--error')).not.toBeNull();
    expect(screen.getByText('Nothing was searched')).toBeInTheDocument();
    expect(served.searches).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Search' })).toBeDisabled();
  });

  it('shows the server’s objection to a query at its position', async () => {
    const details = { query: { message: 'regex too complex for the linear engine', position: 0, length: 7 } };
    server.use(
      mockEndpoint(endpoints.searchLogs, () => errorResponse(400, 'validation_failed', 'invalid query', details)),
      mockEndpoint(endpoints.logHistogram, () => errorResponse(400, 'validation_failed', 'invalid query', details)),
      mockEndpoint(endpoints.logFacets, () => makeFacets()),
    );
    const { container } = renderSearch('?q=%2F(a%2B)%2B%2F');
    expect(await screen.findByText(/regex too complex for the linear engine/, { selector: '.query-bar__error' })).toBeInTheDocument();
    expect(container.querySelector('.tok--error')?.textContent).toBe('/(a+)+/');
  });

  it('runs on Enter, keeps the query in the URL and goes back to the previous search', async () => {
    const served = serve({ '': makePage([makeLine()]) });
    const { user, router } = renderSearch('?range=7d&q=sshd');
    await screen.findByTestId('status-line');
    const input = screen.getByRole('combobox', { name: 'Search query' });
    await user.clear(input);
    await user.type(input, 'timeout{Enter}');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('q')).toBe('timeout'));
    await waitFor(() => expect(served.searches.at(-1)?.get('q')).toBe('timeout'));
    await router.navigate(-1);
    await waitFor(() => expect(input).toHaveValue('sshd'));
  });

  it('suggests field names and frequent values', async () => {
    serve({ '': makePage([makeLine()]) });
    const { user } = renderSearch('?range=7d');
    await screen.findByTestId('status-line');
    const input = screen.getByRole('combobox', { name: 'Search query' });
    await user.type(input, 'lev');
    expect(screen.getByRole('option', { name: 'level:' })).toBeInTheDocument();
    await user.keyboard('{Tab}');
    expect(input).toHaveValue('level:');
    expect(screen.getByRole('option', { name: /WARN/ })).toHaveTextContent('360 lines');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(input).toHaveValue('level:WARN ');
  });
});

describe('SearchPage · facets and filters', () => {
  it('includes a value with a click, excludes with alt-click or the button, and asks for fields the query names', async () => {
    const served = serve({ '': makePage([makeLine()]) });
    const { user, router } = renderSearch('?range=7d&q=sshd+AND+status%3E%3D500');
    const q = () => new URLSearchParams(router.state.location.search).get('q');
    await user.click(await screen.findByRole('button', { name: 'Filter on level: WARN (360 lines)' }));
    expect(q()).toBe('sshd AND status>=500 level:WARN');
    await user.click(await screen.findByRole('button', { name: 'Remove filter level: WARN (360 lines)' }));
    expect(q()).toBe('sshd AND status>=500');
    await user.keyboard('{Alt>}');
    await user.click(screen.getByRole('button', { name: 'Filter on level: INFO (12 lines)' }));
    await user.keyboard('{/Alt}');
    expect(q()).toBe('sshd AND status>=500 NOT level:INFO');
    await user.click(screen.getByRole('button', { name: 'Exclude hostName: ecs-bastion-01' }));
    expect(q()).toBe('sshd AND status>=500 NOT level:INFO NOT hostName:ecs-bastion-01');
    expect(served.facets[0]?.getAll('field')).toEqual(['status']);
  });

  it('narrows to a stream from the stream facet', async () => {
    serve({ '': makePage([makeLine()]) });
    const { user, router } = renderSearch('?range=7d');
    await user.click(await screen.findByRole('button', { name: 'Filter on stream: ecs-prod/auth (372 lines)' }));
    expect(new URLSearchParams(router.state.location.search).getAll('stream')).toEqual(['ecs-prod/auth']);
  });

  it('filters on a label value from an open line', async () => {
    serve({ '': makePage([makeLine()]) });
    const { user, router } = renderSearch('?range=7d&q=sshd');
    await user.click(await screen.findByRole('button', { name: /Failed password/ }));
    await user.click(screen.getByRole('button', { name: 'Filter on pathFile: /var/log/auth.log' }));
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('sshd pathFile:"/var/log/auth.log"');
  });
});

describe('SearchPage · keyboard and context', () => {
  it('moves with j/k, opens with Enter, closes with Esc, keeping the line in the URL', async () => {
    const lines = [makeLine(), makeLine(), makeLine()];
    serve({ '': makePage(lines) });
    const { user, router } = renderSearch();
    await screen.findAllByRole('listitem');
    const line = () => new URLSearchParams(router.state.location.search).get('line');
    await user.keyboard('j');
    expect(line()).toBe(lines[0]!.id);
    await user.keyboard('j');
    expect(line()).toBe(lines[1]!.id);
    await user.keyboard('k');
    expect(line()).toBe(lines[0]!.id);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('table')).toHaveTextContent('/var/log/auth.log');
    expect(router.state.location.search).toContain('open=1');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('table')).toBeNull();
    await user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.keyboard('/');
    expect(screen.getByRole('combobox', { name: 'Search query' })).toHaveFocus();
  });

  it('shows a line in context with the line marked', async () => {
    const lines = [makeLine(), makeLine()];
    serve({ '': makePage(lines) });
    const before = makeLine({ content: 'Connection closed by 185.220.101.47 port 47247 [preauth]', labels: { level: 'INFO' } });
    const after = makeLine({ content: 'Accepted password for deploy from 185.220.101.47 port 44125 ssh2', labels: { level: 'INFO' } });
    server.use(mockEndpoint(endpoints.logContext, ({ query }) => makeContext(lines.find((line) => line.id === query.line)!, [before], [after])));
    const { user, router, container } = renderSearch();
    await screen.findAllByRole('listitem');
    await user.click(container.querySelector(`#line-${lines[1]!.id}`)!);
    await user.click(screen.getByRole('button', { name: 'Show context' }));
    const panel = await screen.findByRole('complementary', { name: 'Line in context' });
    expect(await within(panel).findByText(/Accepted password for deploy/)).toBeInTheDocument();
    const current = panel.querySelector('[aria-current="true"]');
    expect(current).toHaveTextContent(lines[1]!.content);
    expect(router.state.location.search).toContain('context=1');
    expect(within(panel).getByText('End of the stream')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('complementary', { name: 'Line in context' })).toBeNull();
  });
});

describe('SearchPage · hostile content', () => {
  const corpus: Array<Partial<LogLine>> = [
    { content: '<img src=x onerror=alert(1)>', highlights: [{ start: 1, end: 4 }] },
    { content: '<a href="javascript:alert(1)">click me</a> javascript:alert(document.cookie)' },
    { content: '\u001b[31mALERT\u001b[0m plain', labels: { level: '<script>alert(1)</script>' } },
    { content: 'invoice\u202Etxt.exe and \u2067isolated\u2069' },
    { content: `big ${'A'.repeat(1024 * 1024)}` },
  ];

  it('renders every line as inert, readable text', async () => {
    const lines = corpus.map((overrides) => makeLine({ highlights: [], ...overrides }));
    serve({ '': makePage(lines) });
    const { container, user } = renderSearch('?range=7d&q=alert');
    const list = await screen.findByRole('list', { name: 'Log lines' });
    expect(list).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(list.querySelector('mark')).toHaveTextContent('img');
    expect(list).toHaveTextContent('<a href="javascript:alert(1)">click me</a> javascript:alert(document.cookie)');
    expect(list).toHaveTextContent('␛[31mALERT␛[0m plain');
    expect(list).toHaveTextContent('invoice⟨U+202E⟩txt.exe and ⟨U+2067⟩isolated⟨U+2069⟩');
    // The level badge shows the start of a long level; the open line shows the whole label.
    expect(list).toHaveTextContent('<script>alert(1)');
    expect(container.querySelector('img, script, iframe, a[href^="javascript"]')).toBeNull();
    // eslint-disable-next-line no-control-regex -- looking for the raw characters is the point
    expect(container.textContent).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u001b]/);

    // The 1 MB line says its size and shows all only when asked.
    const big = within(list).getAllByRole('listitem')[4]!;
    expect(big).toHaveTextContent('1.0 MB');
    await user.click(within(big).getByRole('button', { name: /big AAAA/ }));
    const message = screen.getByLabelText('Message');
    expect(message.textContent?.length).toBe(20_000);
    expect(screen.getByText(/Showing the first 20,000 of 1,048,580 characters/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show all (1.0 MB)' }));
    expect(screen.getByLabelText('Message').textContent?.length).toBe(1_048_580);
    expect(container.querySelector('img, script, a[href^="javascript"]')).toBeNull();
  });
});
