import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import type { IngestOverview, IngestTokenView } from '../../contract/schemas/ingest.ts';
import { AuthContext, type AuthState } from '../../lib/auth-context.ts';
import { FIXED_NOW } from '../../testing/fixtures.ts';
import { mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { AdminPage } from './admin-page.tsx';

const auth: AuthState = {
  status: 'signed-in',
  me: { subject: 'u-admin', name: 'Ada Admin', roles: ['admin'], kind: 'user', multiFactor: true },
  problem: null,
  signIn: vi.fn(),
  stepUp: vi.fn(),
  signOut: vi.fn(),
  canOpen: () => true,
};

const token: IngestTokenView = {
  id: '6f1c2a52-5a55-4a8e-9d87-2b8d9d1f0c11', name: 'otel-collector', groups: ['ecs-prod', 'cce-cluster'], ratePerSecond: null, prefix: 'vgi_AbC123',
  createdBy: 'Ada Admin', createdAt: FIXED_NOW - 86_400_000, expiresAt: FIXED_NOW + 3650 * 86_400_000, revokedAt: null, lastUsedAt: null,
};

const overview: IngestOverview = {
  status: {
    queue: { lines: 1200, bytes: 90_000, maxLines: 200_000, maxBytes: 64 * 1024 * 1024 },
    receivers: [
      { name: 'otlp', received: 120_000, committed: 119_500, rejected: { queue_full: 500 }, truncated: 3, futureTimes: 1, malformed: 0, lastCommitAt: FIXED_NOW },
      { name: 'syslog-udp', received: 4_000, committed: 4_000, rejected: {}, truncated: 0, futureTimes: 0, malformed: 12, sequenceGaps: 7, kernelDrops: 2, lastCommitAt: FIXED_NOW },
    ],
  },
  tokens: [token],
};

const render = () =>
  renderWithProviders(
    <AuthContext value={auth}>
      <AdminPage />
    </AuthContext>,
    { route: '/admin?tab=ingest' },
  );

describe('Admin: ingest', () => {
  it('shows each receiver with committed, rejected by reason, loss and the queue depth', async () => {
    server.use(mockEndpoint(endpoints.ingestOverview, () => overview));
    render();
    const otlp = await screen.findByRole('row', { name: /^otlp/ });
    expect(within(otlp).getByText('119,500')).toBeInTheDocument();
    expect(within(otlp).getByText('500 queue full')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^syslog-udp/ })).getByText('7 gaps · 2 kernel drops')).toBeInTheDocument();
    expect(screen.getByText('queue 1,200 of 200,000 lines')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /otel-collector/ })).toHaveTextContent('ecs-prod, cce-cluster');
  });

  it('creates an ingest token limited to groups and shows its secret once', async () => {
    let sent: unknown;
    server.use(
      mockEndpoint(endpoints.ingestOverview, () => ({ status: null, tokens: [] })),
      mockEndpoint(endpoints.createIngestToken, ({ body }) => {
        sent = body;
        return { token: { ...token, name: body.name, groups: body.groups }, secret: 'vgi_secret-shown-once' };
      }),
    );
    const { user } = render();
    await screen.findByText('No receivers run in this Vigil');
    await user.type(screen.getByLabelText('Name'), 'fluent-bit');
    await user.type(screen.getByLabelText('Log groups (comma-separated)'), 'ecs-prod, network');
    await user.click(screen.getByRole('button', { name: 'Create ingest token' }));
    expect(await screen.findByTestId('new-token-secret')).toHaveTextContent('vgi_secret-shown-once');
    expect(sent).toEqual({ name: 'fluent-bit', groups: ['ecs-prod', 'network'], expiresInDays: 90, ratePerSecond: null });
  });
});
