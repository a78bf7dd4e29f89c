import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import type { Channel } from '../../contract/schemas/channels.ts';
import type { Notification } from '../../contract/schemas/notifications.ts';
import { AuthContext, type AuthState } from '../../lib/auth-context.ts';
import { FIXED_NOW } from '../../testing/fixtures.ts';
import { mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { AlertsPage } from './alerts-page.tsx';

function auth(roles: Array<'admin' | 'analyst'>, multiFactor: boolean): AuthState {
  return {
    status: 'signed-in',
    me: { subject: 'u-1', name: 'Ada Admin', roles, kind: 'user', multiFactor },
    problem: null,
    signIn: vi.fn(),
    stepUp: vi.fn(),
    signOut: vi.fn(),
    canOpen: () => true,
  };
}

const hook: Channel = {
  id: '6f1c2a52-5a55-4a8e-9d87-2b8d9d1f0c11',
  name: '<b>SOC</b> hook',
  kind: 'webhook',
  enabled: true,
  settings: { kind: 'webhook', url: 'https://receiver.example.com/alerts' },
  secretsSet: ['secret'],
  template: { title: '{{ruleName}}', body: '{{summary}}' },
  createdBy: 'Ada Admin',
  createdAt: FIXED_NOW,
  updatedBy: 'Ada Admin',
  updatedAt: FIXED_NOW,
};

function render(route: string, state: AuthState) {
  return renderWithProviders(
    <AuthContext value={state}>
      <AlertsPage />
    </AuthContext>,
    { route },
  );
}

describe('Alerts notification tabs', () => {
  it('lists channels with hostile names as text, tests one and shows what the receiver said', async () => {
    server.use(
      mockEndpoint(endpoints.listChannels, () => ({ channels: [hook] })),
      mockEndpoint(endpoints.testChannel, () => ({ ok: false, detail: 'HTTP 503: receiver trouble', durationMs: 12 })),
    );
    render('/alerts?tab=channels', auth(['admin'], true));
    const row = (await screen.findByRole('rowheader', { name: '<b>SOC</b> hook' })).closest('tr')!;
    expect(within(row).getByText('https://receiver.example.com/alerts')).toBeInTheDocument();
    await userEvent.click(within(row).getByRole('button', { name: 'Test <b>SOC</b> hook' }));
    expect(await within(row).findByRole('status')).toHaveTextContent('Test failed: HTTP 503: receiver trouble');
  });

  it('asks for the step-up before changes and keeps analysts read-only', async () => {
    server.use(mockEndpoint(endpoints.listChannels, () => ({ channels: [hook] })));
    const { unmount } = render('/alerts?tab=channels', auth(['admin'], false));
    expect(await screen.findByRole('button', { name: 'Test <b>SOC</b> hook' })).toBeDisabled();
    expect(screen.getByText('Changes need multi-factor sign-in.')).toBeInTheDocument();
    unmount();
    render('/alerts?tab=channels', auth(['analyst'], false));
    await screen.findByRole('rowheader', { name: '<b>SOC</b> hook' });
    expect(screen.queryByRole('button', { name: 'New channel' })).not.toBeInTheDocument();
    expect(screen.queryByText('Changes need multi-factor sign-in.')).not.toBeInTheDocument();
  });

  it('creates a channel through the form, showing the server\'s refusal', async () => {
    let sent: unknown = null;
    server.use(
      mockEndpoint(endpoints.listChannels, () => ({ channels: [] })),
      mockEndpoint(endpoints.previewTemplate, ({ body }) => ({ ok: true, title: body.template.title, body: 'rendered body', payload: '{"text":"x"}', errors: [] })),
      mockEndpoint(endpoints.createChannel, ({ body }) => {
        sent = body;
        return Response.json({ error: { code: 'validation_failed', message: 'invalid channel: body.settings.url: destination refused: 10.0.0.1 is a private address' } }, { status: 400 });
      }),
    );
    render('/alerts?tab=channels', auth(['admin'], true));
    await userEvent.click(await screen.findByRole('button', { name: 'New channel' }));
    const form = screen.getByRole('form', { name: 'New channel' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Ops');
    await userEvent.type(within(form).getByLabelText('URL'), 'http://10.0.0.1/hook');
    expect(await within(form).findByText('rendered body')).toBeInTheDocument();
    await userEvent.click(within(form).getByRole('button', { name: 'Create channel' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('10.0.0.1 is a private address');
    expect(sent).toMatchObject({ name: 'Ops', settings: { kind: 'webhook', url: 'http://10.0.0.1/hook' } });
  });

  it('shows delivery status with counts, errors and the next attempt', async () => {
    const pending: Notification = {
      id: '7', channelId: hook.id, channelName: 'SOC hook', channelKind: 'webhook', ruleId: 'r1', ruleName: 'SSH brute force', groupKey: 'g',
      reason: 'firing', alertCount: 2, status: 'pending', attempts: 3, nextAttemptAt: FIXED_NOW + 60_000, lastError: 'network: ECONNREFUSED',
      idempotencyKey: 'abc-1-firing', silenceId: null, createdAt: FIXED_NOW, deliveredAt: null, title: '[FIRING] SSH brute force',
    };
    server.use(mockEndpoint(endpoints.listNotifications, () => ({ notifications: [pending], counts: { pending: 1, delivered: 4 }, nextCursor: null })));
    render('/alerts?tab=deliveries', auth(['analyst'], false));
    const row = (await screen.findByText('[FIRING] SSH brute force')).closest('tr')!;
    expect(row).toHaveTextContent('pending');
    expect(row).toHaveTextContent('ECONNREFUSED');
    expect(row).toHaveTextContent('key abc-1-firing');
    await waitFor(() => expect(screen.getByRole('button', { name: 'delivered 4' })).toBeInTheDocument());
  });
});
