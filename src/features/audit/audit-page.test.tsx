import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ChartProps } from '../../components/chart.tsx';
import { endpoints } from '../../contract/endpoints.ts';
import type { Role } from '../../contract/roles.ts';
import { AuthContext, type AuthState } from '../../lib/auth-context.ts';
import { mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { AuditPage } from './audit-page.tsx';
import { INCIDENT_TIME, NEW_IP_SIGNAL, makeDetail, makeFacets, makeSummary, makeTimeline, makeTrace } from './test-fixtures.ts';

// ECharts needs a real canvas; the stub keeps the props so tests can read the option and fire events.
const chart = vi.hoisted(() => ({ props: null as ChartProps | null }));
vi.mock('../../components/chart.tsx', () => ({
  Chart: (props: ChartProps) => {
    chart.props = props;
    return <div role="img" aria-label={props.label} />;
  },
}));

function auth(roles: Role[]): AuthState {
  return {
    status: 'signed-in',
    me: { subject: 'u-1', name: roles.includes('manager') ? 'Mia Manager' : 'Ana Lyst', roles, kind: 'user', multiFactor: false },
    problem: null,
    signIn: vi.fn(),
    stepUp: vi.fn(),
    signOut: vi.fn(),
    canOpen: () => true,
  };
}

function renderAudit(route: string, roles: Role[] = ['analyst']) {
  return renderWithProviders(
    <AuthContext value={auth(roles)}>
      <AuditPage />
    </AuthContext>,
    { route },
  );
}

const login = makeSummary(
  { trace_id: 'trace-login', trace_name: 'login', trace_rating: 'normal', service_type: 'IAM', resource_type: 'user', resource_name: 'tobias.becker', time: INCIDENT_TIME - 325_000, code: '200' },
  [NEW_IP_SIGNAL],
);
const deletion = makeSummary({}, [NEW_IP_SIGNAL]);
const points = [login, deletion].map(({ time, trace_id, service_type, trace_name, trace_rating, user, source_ip }) => ({
  time,
  trace_id,
  service_type,
  trace_name,
  trace_rating,
  user: user.name,
  source_ip,
}));

/** Answers every trace endpoint and records the query each one received. */
function serveTraces({ detail = makeDetail() } = {}) {
  const seen = { timeline: [] as URLSearchParams[], list: [] as URLSearchParams[], facets: [] as URLSearchParams[], detail: [] as string[] };
  const params = (request: Request) => new URL(request.url).searchParams;
  server.use(
    mockEndpoint(endpoints.traceTimeline, ({ request }) => {
      seen.timeline.push(params(request));
      return makeTimeline(points);
    }),
    mockEndpoint(endpoints.traceFacets, ({ request }) => {
      seen.facets.push(params(request));
      return makeFacets();
    }),
    mockEndpoint(endpoints.listTraces, ({ request }) => {
      seen.list.push(params(request));
      return { from: 0, to: 1, traces: [deletion, login], cursor: null, complete: true };
    }),
    mockEndpoint(endpoints.getTrace, ({ params: { traceId } }) => {
      seen.detail.push(traceId);
      return detail;
    }),
  );
  return seen;
}

describe('AuditPage · analyst', () => {
  it('shows the timeline and the operations with rating and first-seen badges', async () => {
    serveTraces();
    renderAudit('/audit?range=7d&tz=utc');
    expect(await screen.findByRole('img', { name: /2 operations as points on 2 lanes by service: 1 incidents/ })).toBeInTheDocument();
    const row = await screen.findByRole('row', { name: /deleteTracker/ });
    expect(within(row).getByText('2026-11-25 03:19:52')).toBeInTheDocument();
    expect(within(row).getByText('incident')).toBeInTheDocument();
    expect(within(row).getByText('new IP')).toBeInTheDocument();
    expect(within(row).getByText('45.155.205.233')).toBeInTheDocument();
    expect(screen.getByText('All 2 matching operations shown.')).toBeInTheDocument();
  });

  it('sends quick filters and facet choices to the server and keeps them in the URL', async () => {
    const seen = serveTraces();
    const { user, router } = renderAudit('/audit?range=7d');
    await screen.findByRole('row', { name: /deleteTracker/ });
    await user.click(screen.getByRole('button', { name: 'Warnings and incidents' }));
    await waitFor(() => expect(seen.list.at(-1)?.getAll('trace_rating')).toEqual(['warning', 'incident']));
    expect(seen.timeline.at(-1)?.getAll('trace_rating')).toEqual(['warning', 'incident']);
    expect(router.state.location.search).toContain('quick=risky');

    await user.click(screen.getByRole('button', { name: 'User' }));
    await user.click(await screen.findByRole('checkbox', { name: /tobias\.becker/ }));
    await waitFor(() => expect(seen.list.at(-1)?.get('user')).toBe('tobias.becker'));
    expect(new URLSearchParams(router.state.location.search).get('user')).toBe('tobias.becker');
    expect(screen.getByRole('list', { name: 'Active filters' })).toHaveTextContent('Usertobias.becker');
  });

  it('searches operations and resource names with the free text box, as `text`', async () => {
    const seen = serveTraces();
    const { user, router } = renderAudit('/audit?range=7d');
    await screen.findByRole('row', { name: /deleteTracker/ });
    const box = screen.getByRole('searchbox', { name: 'Operation or resource contains' });
    expect(box).toHaveAttribute('placeholder', 'Operation or resource contains…');
    await user.type(box, '  backup {Enter}');
    await waitFor(() => expect(seen.list.at(-1)?.getAll('text')).toEqual(['backup']));
    expect(seen.list.at(-1)?.has('resource_name')).toBe(false);
    expect(seen.timeline.at(-1)?.getAll('text')).toEqual(['backup']);
    expect(seen.facets.at(-1)?.getAll('text')).toEqual(['backup']);
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('backup');
    expect(screen.getByRole('list', { name: 'Active filters' })).toHaveTextContent('Operation or resourcebackup');
  });

  it('reads the free text from a shared link', async () => {
    const seen = serveTraces();
    renderAudit('/audit?range=7d&q=bastion');
    await screen.findByRole('row', { name: /deleteTracker/ });
    expect(screen.getByRole('searchbox', { name: 'Operation or resource contains' })).toHaveValue('bastion');
    await waitFor(() => expect(seen.list.at(-1)?.getAll('text')).toEqual(['bastion']));
  });

  it('explains filters that exclude each other instead of asking the server', async () => {
    const seen = serveTraces();
    renderAudit('/audit?service=ECS&quick=iam-kms');
    expect(await screen.findByText('These filters cannot match anything')).toBeInTheDocument();
    expect(screen.getByText('The selected services and "IAM and KMS changes" exclude each other.')).toBeInTheDocument();
    expect(seen.timeline).toHaveLength(0);
    expect(seen.list).toHaveLength(0);
  });

  it('opens an operation with every field as text, hostile content made visible, and pivots', async () => {
    const hostile = makeTrace({ resource_name: '<img src=x onerror=alert(1)>\u202Egpj.exe', request: '{"note":"a\u202Eb","n":1}' });
    serveTraces({ detail: makeDetail(hostile) });
    const { user, router, container } = renderAudit('/audit?range=7d&tz=utc');
    await user.click(await screen.findByRole('row', { name: /deleteTracker/ }));
    const drawer = await screen.findByRole('complementary', { name: 'Operation details' });
    expect(await within(drawer).findByRole('heading', { name: 'deleteTracker' })).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('trace')).toBe('trace-delete-tracker');
    expect(within(drawer).getByText(/First action of this user from this address/)).toBeInTheDocument();
    expect(within(drawer).getByText('⟨U+202E⟩', { selector: '.trace-facts .control-char' })).toBeInTheDocument();
    expect(within(drawer).getByText(/<img src=x onerror=alert\(1\)>/)).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(within(drawer).getByRole('region', { name: 'Request' })).toHaveTextContent('{ "note": "a⟨U+202E⟩b", "n": 1 }');

    const logs = within(drawer).getByRole('link', { name: 'Logs around this operation' });
    const href = new URL(logs.getAttribute('href') ?? '', 'http://vigil.test');
    expect(href.pathname).toBe('/search');
    expect(href.searchParams.get('q')).toBe('"tracker-4bb6" OR "45.155.205.233"');
    expect(href.searchParams.get('from')).toBe('2026-11-25T03:04:52Z');
    expect(href.searchParams.get('tz')).toBe('utc');

    await user.click(within(drawer).getByRole('button', { name: 'Everything from this IP' }));
    const search = new URLSearchParams(router.state.location.search);
    expect(search.get('ip')).toBe('45.155.205.233');
    expect(search.get('trace')).toBe('trace-delete-tracker');
    expect(search.get('range')).toBe('7d');
  });

  it('opens the operation behind a clicked point on the timeline', async () => {
    serveTraces();
    const { router } = renderAudit('/audit?range=7d');
    await screen.findByRole('img', { name: /Timeline/ });
    // Series 2 holds the incidents; its first point is the tracker deletion.
    chart.props?.events?.click?.({ componentType: 'series', seriesIndex: 2, dataIndex: 0 }, undefined as never);
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('trace')).toBe('trace-delete-tracker'));
    expect(await screen.findByRole('complementary', { name: 'Operation details' })).toBeInTheDocument();
  });

  it('moves with j/k, opens with Enter, follows with j/k while open and closes with Esc', async () => {
    const seen = serveTraces();
    const { user, router } = renderAudit('/audit?range=7d');
    const grid = await screen.findByRole('grid', { name: 'Operations' });
    await screen.findByRole('row', { name: /deleteTracker/ });
    grid.focus();
    await user.keyboard('j');
    expect(grid).toHaveAttribute('aria-activedescendant', 'trace-row-trace-delete-tracker');
    await user.keyboard('j');
    expect(grid).toHaveAttribute('aria-activedescendant', 'trace-row-trace-login');
    await user.keyboard('k{Enter}');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('trace')).toBe('trace-delete-tracker'));
    await user.keyboard('j');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('trace')).toBe('trace-login'));
    await waitFor(() => expect(seen.detail).toContain('trace-login'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'Operation details' })).toBeNull());
    expect(new URLSearchParams(router.state.location.search).get('trace')).toBeNull();
    // Focus is back on the table, where j/k left off.
    expect(grid).toHaveFocus();
    expect(grid).toHaveAttribute('aria-activedescendant', 'trace-row-trace-login');
  });

  it('loads older operations page by page as the list is scrolled', async () => {
    const cursors: (string | null)[] = [];
    serveTraces();
    server.use(
      mockEndpoint(endpoints.listTraces, ({ query }) => {
        cursors.push(query.cursor ?? null);
        return query.cursor
          ? { from: 0, to: 1, traces: [login], cursor: null, complete: true }
          : { from: 0, to: 1, traces: [deletion], cursor: 'older', complete: false };
      }),
    );
    renderAudit('/audit?range=7d');
    expect(await screen.findByText('All 2 matching operations shown.')).toBeInTheDocument();
    expect(cursors).toEqual([null, 'older']);
  });
});

describe('AuditPage · manager', () => {
  it('shows only the masked timeline: no operations, no facets, no details', async () => {
    const seen = serveTraces();
    server.use(
      mockEndpoint(endpoints.traceTimeline, ({ request }) => {
        seen.timeline.push(new URL(request.url).searchParams);
        return makeTimeline(points.map(({ user: _user, source_ip: _ip, ...point }) => point), { masked: true });
      }),
    );
    const { user } = renderAudit('/audit?range=7d&user=tobias.becker&trace=trace-delete-tracker', ['manager']);
    expect(await screen.findByRole('img', { name: /2 operations as points/ })).toBeInTheDocument();
    expect(screen.getByText(/Users and addresses are masked for your role/)).toBeInTheDocument();
    expect(screen.queryByRole('grid', { name: 'Operations' })).toBeNull();
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(screen.queryByRole('button', { name: 'User' })).toBeNull();
    // Points without users: lanes by user would say nothing, so there is no choice.
    expect(screen.queryByRole('radiogroup', { name: 'Lanes' })).toBeNull();
    // A shared analyst link's personal filters are not sent: the server would refuse them.
    expect(seen.timeline[0]?.get('user')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Failed operations' }));
    await waitFor(() => expect(seen.timeline.at(-1)?.getAll('code')).toEqual(['4xx', '5xx']));
    // Clicking a point opens nothing for a manager.
    chart.props?.events?.click?.({ componentType: 'series', seriesIndex: 2, dataIndex: 0 }, undefined as never);
    expect(seen.list).toHaveLength(0);
    expect(seen.facets).toHaveLength(0);
    expect(seen.detail).toHaveLength(0);
  });
});
