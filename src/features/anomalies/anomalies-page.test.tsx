import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ChartProps } from '../../components/chart.tsx';
import { endpoints } from '../../contract/endpoints.ts';
import type { Role } from '../../contract/roles.ts';
import type { Anomaly, AnomalyDetail } from '../../contract/schemas/anomalies.ts';
import { AuthContext, type AuthState } from '../../lib/auth-context.ts';
import { mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { AnomaliesPage } from './anomalies-page.tsx';
import { readAnomaliesState, writeAnomaliesState } from './url.ts';

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
    me: { subject: 'u-1', name: 'Ana Lyst', roles, kind: 'user', multiFactor: false },
    problem: null,
    signIn: vi.fn(),
    stepUp: vi.fn(),
    signOut: vi.fn(),
    canOpen: () => true,
  };
}

const START = Date.UTC(2026, 10, 25, 2, 5);
const DAY = 86_400_000;
const brute: Anomaly = {
  id: 'a-brute', kind: 'log_volume', subject: { group: 'ecs-prod', stream: 'auth' }, start: START, end: START + 600_000, bucketMs: 300_000,
  unit: 'lines', actual: 678, expected: 4, lower: 0, upper: 11, deviation: 215.3, score: 100, direction: 'up', basis: 'hour_of_week',
  summary: 'Lines rose to 678 in 10 min (usually ~4)', feedback: null,
};
const hostile: Anomaly = {
  ...brute, id: 'a-hostile', kind: 'audit_behaviour', subject: { user: '<img src=x onerror=alert(1)>' }, unit: 'points', score: 62,
  summary: '<b>9</b> unusual-action points', start: START - DAY, end: START - DAY + 3_600_000, bucketMs: 3_600_000,
};
const detail: AnomalyDetail = {
  anomaly: brute,
  explanation: {
    sentence: '“Failed password for” lines from 185.220.101.47 rose from ~0 to 360 in 10 min (mostly on ecs-bastion-01).',
    contributors: [{ field: 'source_ip', value: '185.220.101.47', actual: 677, baseline: 0 }],
    baselineFrom: START - 7 * DAY, baselineTo: START - 7 * DAY + 600_000, examined: 680, complete: true,
  },
  changes: { from: START - 3_600_000, to: START, complete: true, traces: [{ trace_id: 't-1', time: START - 600_000, trace_name: 'rebootServer', service_type: 'ECS', resource_type: 'ecs', resource_name: 'ecs-bastion-01', resource_id: 'i-1', user: 'lena.fischer', source_ip: '10.0.0.1', trace_rating: 'normal', relation: ['same_host'] }] },
  links: { search: { q: '"Failed password for" AND 185.220.101.47', group: 'ecs-prod', stream: 'auth', from: START, to: START + 600_000 }, audit: null },
};

function serve() {
  const posted: unknown[] = [];
  server.use(
    mockEndpoint(endpoints.anomalySummary, ({ query }) => ({
      from: query.from ?? 0, to: query.to ?? 0, masked: false, evaluatedUntil: START + DAY,
      days: [{ day: START - (START % DAY), high: 1, medium: 1, low: 0 }],
      cells: [{ subject: 'ecs-prod/auth', kind: 'log_volume' as const, day: START - (START % DAY), maxScore: 100, count: 1, anomalyId: 'a-brute' }],
    })),
    mockEndpoint(endpoints.listAnomalies, ({ query }) => ({ from: query.from ?? 0, to: query.to ?? 0, anomalies: [brute, hostile], cursor: null, complete: true, evaluatedUntil: START + DAY })),
    mockEndpoint(endpoints.anomalySeries, ({ query }) => ({
      kind: 'log_volume' as const, subject: brute.subject, from: query.from ?? 0, to: query.to ?? 0, bucketMs: 300_000, unit: 'lines' as const, evaluatedUntil: START + DAY,
      points: [
        { time: START - 300_000, actual: 3, expected: 4, lower: 0, upper: 11, score: 0 },
        { time: START, actual: 337, expected: 4, lower: 0, upper: 11, score: 100 },
      ],
    })),
    // After the series: MSW takes the first match, and /api/anomalies/:id also matches /series.
    mockEndpoint(endpoints.getAnomaly, ({ query }) => {
      detailWindows.push(query.changesWindow);
      const from = START - query.changesWindow * 60_000;
      return { ...detail, changes: { ...detail.changes, from, traces: query.changesWindow > 60 ? [...detail.changes.traces, { ...detail.changes.traces[0]!, trace_id: 't-2', time: from + 60_000, trace_name: 'updateSecurityGroup' }] : detail.changes.traces } };
    }),
    mockEndpoint(endpoints.anomalyFeedback, ({ body }) => {
      posted.push(body);
      return { verdict: body.verdict, note: body.note, by: 'Ana Lyst', at: START + DAY };
    }),
  );
  return posted;
}

function renderPage(route: string, roles: Role[] = ['analyst']) {
  return renderWithProviders(
    <AuthContext value={auth(roles)}>
      <AnomaliesPage />
    </AuthContext>,
    { route },
  );
}

const detailWindows: number[] = [];

describe('AnomaliesPage', () => {
  it('ranks anomalies by score and renders hostile subjects and summaries as text', { timeout: 20_000 }, async () => {
    serve();
    renderPage('/anomalies?range=7d&tz=utc');
    const list = await screen.findByRole('list', { name: 'Anomalies by score' }, { timeout: 5_000 });
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('ecs-prod/auth');
    expect(within(rows[0]!).getByLabelText('score 100 of 100')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(rows[1]).toHaveTextContent('<b>9</b> unusual-action points');
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(screen.getByRole('table', { name: 'Highest anomaly score per subject and day' })).toBeInTheDocument();
  });

  // A shared, busy machine: the whole round trip (five mocked endpoints, typing) gets room.
  it('opens an anomaly: band chart, explanation, the change before it, a search link, and feedback', { timeout: 30_000 }, async () => {
    const posted = serve();
    const user = userEvent.setup();
    const { router } = renderPage('/anomalies?range=7d&tz=utc');
    const list = await screen.findByRole('list', { name: 'Anomalies by score' }, { timeout: 5_000 });
    await user.click(within(list).getAllByRole('button')[0]!);
    expect(router.state.location.search).toContain('anomaly=a-brute');

    const explanation = await screen.findByRole('region', { name: 'Explanation' }, { timeout: 5_000 });
    expect(explanation).toHaveTextContent('lines from 185.220.101.47 rose from ~0 to 360 in 10 min');
    const link = within(explanation).getByRole('link', { name: 'Open in Search' });
    const href = new URL(link.getAttribute('href')!, 'http://x');
    expect(href.pathname).toBe('/search');
    expect(href.searchParams.get('q')).toBe('"Failed password for" AND 185.220.101.47');
    expect(href.searchParams.get('stream')).toBe('ecs-prod/auth');
    expect(href.searchParams.get('from')).toBe(String(START));
    expect(screen.getByRole('region', { name: 'What changed before' })).toHaveTextContent('rebootServer');

    await screen.findByRole('img', { name: 'Log volume of ecs-prod/auth with its expected band' }, { timeout: 5_000 });
    const series = (chart.props!.option as { series: Array<{ name: string; data: unknown[] }> }).series;
    expect(series.map((s) => s.name)).toEqual(['band-base', 'expected band', 'actual', 'anomalous']);
    expect(series[1]!.data).toEqual([[START - 300_000, 11], [START, 11]]);
    expect(series[3]!.data).toHaveLength(1);

    await user.type(screen.getByLabelText('Note'), 'known scanner');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(posted).toEqual([{ verdict: 'confirmed', note: 'known scanner' }]));
    expect(await screen.findByRole('status')).toHaveTextContent('Marked confirmed by Ana Lyst');
  });

  it('adjusts how far back "what changed before" looks, kept in the URL', { timeout: 30_000 }, async () => {
    serve();
    detailWindows.length = 0;
    const user = userEvent.setup();
    const { router } = renderPage('/anomalies?range=7d&tz=utc&anomaly=a-brute');
    const changes = await screen.findByRole('region', { name: 'What changed before' }, { timeout: 5_000 });
    expect(changes).toHaveTextContent('What changed in the 60 min before');
    expect(changes).not.toHaveTextContent('updateSecurityGroup');
    await user.selectOptions(within(changes).getByLabelText('Look back'), '4 h');
    expect(router.state.location.search).toContain('changes=240');
    await waitFor(() => expect(screen.getByRole('region', { name: 'What changed before' })).toHaveTextContent('What changed in the 4 h before'));
    expect(screen.getByRole('region', { name: 'What changed before' })).toHaveTextContent('updateSecurityGroup');
    expect(detailWindows).toEqual([60, 240]);
  });

  it('opens with the look-back window a link names, and ignores one the API would refuse', { timeout: 20_000 }, async () => {
    serve();
    detailWindows.length = 0;
    renderPage('/anomalies?range=7d&tz=utc&anomaly=a-brute&changes=45');
    const changes = await screen.findByRole('region', { name: 'What changed before' }, { timeout: 5_000 });
    expect(changes).toHaveTextContent('What changed in the 45 min before');
    expect(within(changes).getByLabelText('Look back')).toHaveValue('45');
    expect(readAnomaliesState(new URLSearchParams('changes=99999')).changesWindow).toBe(60);
    expect(readAnomaliesState(new URLSearchParams('changes=4')).changesWindow).toBe(60);
    expect(writeAnomaliesState(new URLSearchParams('changes=240'), { changesWindow: 60 }).has('changes')).toBe(false);
    expect(detailWindows).toEqual([45]);
  });

  it('shows managers only the counts per day and severity', async () => {
    server.use(
      mockEndpoint(endpoints.anomalySummary, ({ query }) => ({
        from: query.from ?? 0, to: query.to ?? 0, masked: true, evaluatedUntil: START, cells: [],
        days: [{ day: START - (START % DAY), high: 2, medium: 0, low: 5 }],
      })),
    );
    renderPage('/anomalies?range=7d&tz=utc', ['manager']);
    const table = await screen.findByRole('table', {}, { timeout: 5_000 });
    expect(table).toHaveTextContent('High (80+)');
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('2026-11-25');
    expect(screen.queryByRole('list', { name: 'Anomalies by score' })).toBeNull();
  });
});
