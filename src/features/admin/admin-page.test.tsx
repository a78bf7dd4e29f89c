import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import type { ApiToken } from '../../contract/schemas/api-tokens.ts';
import type { AuditRecord } from '../../contract/schemas/audit.ts';
import { AuthContext, type AuthState } from '../../lib/auth-context.ts';
import { FIXED_NOW } from '../../testing/fixtures.ts';
import { mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { AdminPage } from './admin-page.tsx';

function authState(multiFactor: boolean): AuthState {
  return {
    status: 'signed-in',
    me: { subject: 'u-admin', name: 'Ada Admin', roles: ['admin'], kind: 'user', multiFactor },
    problem: null,
    signIn: vi.fn(),
    stepUp: vi.fn(),
    signOut: vi.fn(),
    canOpen: () => true,
  };
}

function renderAdmin(route: string, auth: AuthState) {
  return renderWithProviders(
    <AuthContext value={auth}>
      <AdminPage />
    </AuthContext>,
    { route },
  );
}

const token: ApiToken = {
  id: '6f1c2a52-5a55-4a8e-9d87-2b8d9d1f0c11',
  name: 'splunk-export',
  role: 'analyst',
  prefix: 'vgl_AbC123',
  createdBy: 'Ada Admin',
  createdAt: FIXED_NOW - 86_400_000,
  expiresAt: FIXED_NOW + 29 * 86_400_000 + 10 * 365 * 86_400_000,
  revokedAt: null,
  lastUsedAt: null,
};

function auditRecord(seq: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    seq,
    prev_hash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    trace_id: `00000000-0000-4000-8000-00000000000${seq}`,
    trace_name: 'createApiToken',
    trace_rating: 'normal',
    trace_type: 'ConsoleAction',
    service_type: 'VIGIL',
    resource_type: 'apiToken',
    resource_id: token.id,
    resource_name: token.name,
    user: { id: 'u-admin', name: 'Ada Admin', domain: { id: 'vigil', name: 'vigil' } },
    source_ip: '10.0.0.5',
    request: JSON.stringify({ after: { name: '<img src=x onerror=alert(1)>' } }),
    response: '',
    code: '201',
    message: '',
    time: FIXED_NOW - 60_000,
    record_time: FIXED_NOW - 60_000,
    request_id: 'req-1',
    api_version: 'v1',
    endpoint: '',
    resource_url: '/api/admin/tokens',
    location_info: 'Mozilla/5.0',
    ...overrides,
  };
}

describe('AdminPage · API tokens', () => {
  it('offers a step-up before changes when the sign-in had no second factor', async () => {
    server.use(mockEndpoint(endpoints.listApiTokens, () => ({ tokens: [token] })));
    const auth = authState(false);
    const { user } = renderAdmin('/admin?tab=tokens', auth);
    expect(await screen.findByRole('row', { name: /splunk-export/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create token' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Verify with authenticator' }));
    expect(auth.stepUp).toHaveBeenCalledOnce();
  });

  it('creates a token, shows its secret once and checks the form with the contract schema', async () => {
    let sent: unknown = null;
    server.use(
      mockEndpoint(endpoints.listApiTokens, () => ({ tokens: [] })),
      mockEndpoint(endpoints.createApiToken, ({ body }) => {
        sent = body;
        return { token: { ...token, name: body.name }, secret: 'vgl_secret-shown-once' };
      }),
    );
    const { user } = renderAdmin('/admin?tab=tokens', authState(true));
    await screen.findByText('No API tokens yet');
    await user.type(screen.getByLabelText('Name'), 'bad/name');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/name: letters, digits/);

    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'graylog');
    await user.selectOptions(screen.getByLabelText('Role'), 'manager');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByTestId('new-token-secret')).toHaveTextContent('vgl_secret-shown-once');
    expect(sent).toEqual({ name: 'graylog', role: 'manager', expiresInDays: 30 });
  });
});

describe('AdminPage · Vigil audit', () => {
  it('shows a broken chain prominently, naming the first bad record', async () => {
    server.use(
      mockEndpoint(endpoints.verifyAudit, () => ({
        intact: false,
        checked: 7,
        intactUpTo: 6,
        firstBroken: { seq: 7, reason: 'content does not match its hash (edited)' },
        verifiedAt: FIXED_NOW,
      })),
      mockEndpoint(endpoints.listAudit, () => ({ records: [auditRecord(7)], cursor: null, complete: true })),
    );
    renderAdmin('/admin', authState(true));
    expect(await screen.findByTestId('chain-status')).toHaveTextContent(
      'Chain broken at record 7: content does not match its hash (edited). Records up to 6 are intact',
    );
  });

  it('passes filters to the server, pages with the cursor and shows a record as text', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      mockEndpoint(endpoints.verifyAudit, () => ({ intact: true, checked: 2, intactUpTo: 2, firstBroken: null, verifiedAt: FIXED_NOW })),
      mockEndpoint(endpoints.listAudit, ({ request }) => {
        const params = new URL(request.url).searchParams;
        queries.push(params);
        return params.get('cursor')
          ? { records: [auditRecord(1)], cursor: null, complete: true }
          : { records: [auditRecord(2)], cursor: '2', complete: false };
      }),
    );
    const { user, container } = renderAdmin('/admin?action=createApiToken&range=7d', authState(true));
    await screen.findByRole('row', { name: /^2 / });
    expect(queries[0]?.get('action')).toBe('createApiToken');
    await user.click(screen.getByRole('button', { name: 'Load older records' }));
    await screen.findByRole('row', { name: /^1 / });
    expect(queries[1]?.get('cursor')).toBe('2');

    await user.click(screen.getByRole('row', { name: /^1 / }));
    const detail = await screen.findByRole('complementary', { name: 'Audit record 1' });
    expect(within(detail).getByText(/<img src=x onerror=alert\(1\)>/)).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });
});
