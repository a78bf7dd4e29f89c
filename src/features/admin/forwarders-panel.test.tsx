import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import type { Forwarder } from '../../contract/schemas/forwarders.ts';
import { AuthContext, type AuthState } from '../../lib/auth-context.ts';
import { FIXED_NOW } from '../../testing/fixtures.ts';
import { mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { AdminPage } from './admin-page.tsx';
import { lagText, toUpdate } from './forwarder-model.ts';

const auth: AuthState = {
  status: 'signed-in',
  me: { subject: 'u-admin', name: 'Ada Admin', roles: ['admin'], kind: 'user', multiFactor: true },
  problem: null,
  signIn: vi.fn(),
  stepUp: vi.fn(),
  signOut: vi.fn(),
  canOpen: () => true,
};

const base = { batchSize: 500, settleSeconds: 30, createdBy: 'Ada Admin', createdAt: FIXED_NOW - 86_400_000, updatedBy: 'Ada Admin', updatedAt: FIXED_NOW - 86_400_000 };
const splunk: Forwarder = {
  ...base, id: '0b6b1a34-9a07-4c55-8f0c-3c1b1f7f1a01', name: 'Splunk SOC', enabled: true,
  source: { kind: 'logs', query: 'level:ERROR', streams: ['ecs-prod/auth'] },
  destination: { format: 'hec', url: 'https://splunk.example.com:8088', index: 'otc', ack: true, tokenSet: true },
  status: { state: 'ok', delivered: 123_456, lastDeliveredAt: FIXED_NOW, cursorTime: FIXED_NOW - 31_000, lagSeconds: 31, failures: 0, nextAttemptAt: null, lastError: null, lastErrorAt: null },
};
const graylog: Forwarder = {
  ...base, id: '0b6b1a34-9a07-4c55-8f0c-3c1b1f7f1a02', name: 'Graylog <b>lab</b>', enabled: true,
  source: { kind: 'traces', service_type: ['IAM'], trace_name: [], trace_rating: ['incident'], trace_type: [], resource_type: [], user: [] },
  destination: { format: 'gelf', host: 'graylog.example.com', port: 12201, transport: 'udp' },
  status: { state: 'retrying', delivered: 0, lastDeliveredAt: null, cursorTime: FIXED_NOW - 3_700_000, lagSeconds: 3_700, failures: 12, nextAttemptAt: FIXED_NOW + 30_000, lastError: 'ECONNREFUSED: connect ECONNREFUSED', lastErrorAt: FIXED_NOW },
};

const render = () =>
  renderWithProviders(
    <AuthContext value={auth}>
      <AdminPage />
    </AuthContext>,
    { route: '/admin?tab=forwarders' },
  );

describe('Admin: forwarders', () => {
  it('lists each forwarder with source, destination, state, delivered, lag and last error, as text', async () => {
    server.use(mockEndpoint(endpoints.listForwarders, () => ({ forwarders: [splunk, graylog] })));
    render();
    const row = await screen.findByRole('row', { name: /Splunk SOC/ });
    expect(row).toHaveTextContent('logs "level:ERROR" in ecs-prod/auth');
    expect(row).toHaveTextContent('Splunk HEC https://splunk.example.com:8088 · index otc · indexer ack');
    expect(within(row).getByTestId('forwarder-delivered')).toHaveTextContent('123,456');
    expect(within(row).getByTestId('forwarder-lag')).toHaveTextContent('31 s');
    const failing = screen.getByRole('row', { name: /Graylog <b>lab<\/b>/ });
    expect(failing).toHaveTextContent('Retrying');
    expect(failing).toHaveTextContent('12 failed');
    expect(failing).toHaveTextContent('ECONNREFUSED');
    expect(within(failing).getByTestId('forwarder-lag')).toHaveTextContent('62 min');
  });

  it('creates a HEC forwarder from the form', async () => {
    let sent: unknown;
    server.use(
      mockEndpoint(endpoints.listForwarders, () => ({ forwarders: [] })),
      mockEndpoint(endpoints.createForwarder, ({ body }) => {
        sent = body;
        return splunk;
      }),
    );
    const { user } = render();
    await screen.findByText('No forwarders yet');
    await user.type(screen.getByLabelText('Name'), 'Splunk SOC');
    await user.type(screen.getByLabelText('HEC URL'), 'https://splunk.example.com:8088');
    await user.type(screen.getByLabelText('HEC token (write-only)'), 'tok-123');
    await user.type(screen.getByLabelText('Query (empty: every line)'), 'level:ERROR');
    await user.click(screen.getByRole('button', { name: 'Create forwarder' }));
    await vi.waitFor(() => expect(sent).toBeDefined());
    expect(sent).toEqual({
      name: 'Splunk SOC', enabled: true, batchSize: 500, settleSeconds: 30,
      source: { kind: 'logs', query: 'level:ERROR', streams: [] },
      destination: { format: 'hec', url: 'https://splunk.example.com:8088', token: 'tok-123', ack: false },
    });
  });
});

describe('forwarder model', () => {
  it('puts back the definition without write-only parts when pausing', () => {
    expect(toUpdate(splunk, false)).toEqual({ name: 'Splunk SOC', enabled: false, source: splunk.source, destination: { format: 'hec', url: 'https://splunk.example.com:8088', ack: true, index: 'otc' }, batchSize: 500, settleSeconds: 30 });
  });
  it('says lag in seconds, minutes or hours', () => {
    expect([lagText(null), lagText(5), lagText(600), lagText(4 * 3600 + 300)]).toEqual(['–', '5 s', '10 min', '4 h 5 min']);
  });
});
