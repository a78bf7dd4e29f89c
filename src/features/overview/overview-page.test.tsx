import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import { makeHealth, makeLogGroup, makeLogGroupList, makeLogStream } from '../../testing/fixtures.ts';
import { mockEndpoint, mockEndpointError } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { OverviewPage } from './overview-page.tsx';

describe('OverviewPage', () => {
  it('shows the store status from /api/health', async () => {
    server.use(mockEndpoint(endpoints.health, () => makeHealth({ version: '1.4.2', store: { kind: 'otc', lines: 1_234_567, traces: 89 } })));
    renderWithProviders(<OverviewPage />);
    const status = await screen.findByRole('region', { name: 'Store status' });
    expect(await within(status).findByText('1.4.2')).toBeInTheDocument();
    expect(within(status).getByText('Open Telekom Cloud')).toBeInTheDocument();
    expect(within(status).getByText('1,234,567')).toBeInTheDocument();
    expect(within(status).getByText('89')).toBeInTheDocument();
  });

  it('says "unknown" where a remote store could not count, never 0', async () => {
    server.use(
      mockEndpoint(endpoints.health, () => makeHealth({ store: { kind: 'otc', lines: null, traces: null } })),
      mockEndpoint(endpoints.listLogGroups, () => ({
        log_groups: [
          makeLogGroup({
            log_group_name: 'ecs-prod',
            line_count: null,
            log_streams: [
              makeLogStream({ log_stream_name: 'auth', line_count: null, latest_time: null }),
              makeLogStream({ log_stream_name: 'syslog', line_count: 1200, latest_time: Date.UTC(2026, 10, 26, 11, 0), counted_at: Date.UTC(2026, 10, 26, 11, 5) }),
            ],
          }),
        ],
      })),
    );
    renderWithProviders(<OverviewPage />, { route: '/?tz=utc' });
    const status = await screen.findByRole('region', { name: 'Store status' });
    expect(await within(status).findAllByText('unknown')).toHaveLength(2);
    const groups = await screen.findByRole('region', { name: 'Log groups' });
    const card = await within(groups).findByRole('article', { name: 'ecs-prod' });
    expect(within(card).getByText('line count unknown')).toBeInTheDocument();
    const auth = within(card).getByRole('row', { name: /auth/ });
    expect(within(auth).getAllByText('unknown')).toHaveLength(2);
    expect(within(auth).queryByText('no lines yet')).toBeNull();
    const syslog = within(card).getByRole('row', { name: /syslog/ });
    expect(within(syslog).getByTitle('Counted by LTS at 2026-11-26 11:05:00')).toHaveTextContent('1,200');
    expect(within(groups).getByText('1 group · line count unknown')).toBeInTheDocument();
  });

  it('lists log groups with retention, line counts and streams with their latest time', async () => {
    renderWithProviders(<OverviewPage />, { route: '/?tz=utc' });
    const groups = await screen.findByRole('region', { name: 'Log groups' });
    const hosts = await within(groups).findByRole('article', { name: 'ecs-linux-hosts' });
    expect(within(hosts).getByText('Retention 30 days')).toBeInTheDocument();
    expect(within(hosts).getByText('1,067,151 lines')).toBeInTheDocument();
    expect(within(hosts).getByText('env=prod')).toBeInTheDocument();

    const sshd = within(hosts).getByRole('row', { name: /sshd/ });
    expect(within(sshd).getByText('655,147')).toBeInTheDocument();
    expect(within(sshd).getByText(/from group/)).toBeInTheDocument();
    expect(within(sshd).getByText('2026-11-26 11:59:18')).toBeInTheDocument();

    const syslog = within(hosts).getByRole('row', { name: /syslog/ });
    expect(within(syslog).getByText(/7 days/)).toBeInTheDocument();
    expect(within(syslog).getByText(/stream setting/)).toBeInTheDocument();

    const web = within(groups).getByRole('article', { name: 'web-tier' });
    expect(within(within(web).getByRole('row', { name: /apache-error/ })).getByText('no lines yet')).toBeInTheDocument();
    expect(within(groups).getByText('2 groups · 1,284,311 lines')).toBeInTheDocument();
  });

  it('renders names from the server as text, never as markup', async () => {
    server.use(
      mockEndpoint(endpoints.listLogGroups, () => ({
        log_groups: [makeLogGroup({ log_group_name: 'grp', tag: { note: '<img src=x onerror=alert(1)>' }, log_streams: [makeLogStream()] })],
      })),
    );
    const { container } = renderWithProviders(<OverviewPage />);
    expect(await screen.findByText('note=<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  it('says sign-in is needed, with the server message, when log groups answer 401', async () => {
    server.use(mockEndpointError(endpoints.listLogGroups, 401, 'unauthenticated', 'A bearer token is required.'));
    renderWithProviders(<OverviewPage />);
    expect(await screen.findByText('Sign in to see log groups')).toBeInTheDocument();
    expect(screen.getByText('A bearer token is required.')).toBeInTheDocument();
    // The public part of the page still works.
    expect(await screen.findByText('0.1.0')).toBeInTheDocument();
  });

  it('shows a failure with the server message and retries on request', async () => {
    let calls = 0;
    server.use(
      mockEndpoint(endpoints.listLogGroups, () => {
        calls += 1;
        return calls === 1
          ? new Response(JSON.stringify({ error: { code: 'unavailable', message: 'The store is rebuilding its index.' } }), {
              status: 503,
              headers: { 'Content-Type': 'application/json' },
            })
          : makeLogGroupList();
      }),
    );
    const { user } = renderWithProviders(<OverviewPage />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load log groups');
    expect(alert).toHaveTextContent('The store is rebuilding its index.');
    expect(alert).toHaveTextContent('unavailable · HTTP 503');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: 'ecs-linux-hosts' })).toBeInTheDocument();
  });

  it('says so when the store has no log groups', async () => {
    server.use(mockEndpoint(endpoints.listLogGroups, () => ({ log_groups: [] })));
    renderWithProviders(<OverviewPage />);
    expect(await screen.findByText('No log groups yet')).toBeInTheDocument();
  });

  it('filters by group or stream name and keeps the filter in the URL', async () => {
    const { user, router } = renderWithProviders(<OverviewPage />, { route: '/?range=1h' });
    const filter = await screen.findByRole('searchbox', { name: /filter log groups/i });
    await user.type(filter, 'apache');
    expect(router.state.location.search).toBe('?range=1h&filter=apache');
    expect(screen.getByText('1 of 2 groups match')).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'ecs-linux-hosts' })).toBeNull();
    const web = screen.getByRole('article', { name: 'web-tier' });
    expect(within(web).getAllByRole('row')).toHaveLength(3);
    await user.clear(filter);
    await user.type(filter, 'nothing-like-this');
    expect(screen.getByText(/No log group or stream name contains/)).toBeInTheDocument();
  });
});
