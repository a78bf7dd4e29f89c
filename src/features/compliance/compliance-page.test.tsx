import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import type { CheckResult, ComplianceStatus } from '../../contract/schemas/compliance.ts';
import { AuthContext, type AuthState } from '../../lib/auth-context.ts';
import { FIXED_NOW } from '../../testing/fixtures.ts';
import { mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import type { ChartProps } from '../../components/chart.tsx';
import { CompliancePage } from './compliance-page.tsx';

// ECharts needs a real canvas; the stub keeps the option so the trend can be checked.
const chart = vi.hoisted(() => ({ props: null as ChartProps | null }));
vi.mock('../../components/chart.tsx', () => ({
  Chart: (props: ChartProps) => {
    chart.props = props;
    return <div role="img" aria-label={props.label} />;
  },
}));

const HOSTILE = '<img src=x onerror=alert(1)>';
const deletedAt = FIXED_NOW - 30 * 3_600_000;

const coverage: CheckResult = {
  id: 'audit-coverage', title: 'Audit trail coverage', status: 'fail', since: deletedAt, evaluatedAt: FIXED_NOW,
  summary: 'The CTS tracker was deleted; the audit trail is not recorded since.',
  evidence: [{ label: 'Tracker deleted', value: `deleteTracker on ${HOSTILE} by user-1a2b3c4d`, status: 'fail', time: deletedAt, link: { kind: 'trace', id: 'tr-1' } }],
  evidenceTruncated: false,
};
const clock: CheckResult = { id: 'clock', title: 'Clock synchronisation', status: 'pass', since: null, evaluatedAt: FIXED_NOW, summary: 'No skew.', evidence: [], evidenceTruncated: false };

const status: ComplianceStatus = {
  framework: { id: 'iso27001', name: 'ISO/IEC 27001:2022 Annex A', version: '2022' },
  source: 'live', evaluatedAt: FIXED_NOW, score: 50, counts: { pass: 1, warn: 0, fail: 1, not_evaluable: 0 },
  controls: [
    { id: 'A.8.15', title: 'Logging', source: 'https://example.com/8-15', checks: ['audit-coverage'], status: 'fail', since: deletedAt },
    { id: 'A.8.17', title: 'Clock synchronization', source: 'https://example.com/8-17', checks: ['clock'], status: 'pass', since: null },
  ],
  checks: [coverage, clock],
};

function manager(): AuthState {
  return { status: 'signed-in', me: { subject: 'u-m', name: 'Mia', roles: ['manager'], kind: 'user', multiFactor: false }, problem: null, signIn: vi.fn(), stepUp: vi.fn(), signOut: vi.fn(), canOpen: () => true };
}

function mockAll() {
  server.use(
    mockEndpoint(endpoints.complianceFrameworks, () => ({ frameworks: [], scoring: 'Worst status per control.' })),
    mockEndpoint(endpoints.complianceStatus, () => status),
    mockEndpoint(endpoints.complianceTrend, ({ query }) => ({ framework: query.framework, from: FIXED_NOW - 30 * 86_400_000, to: FIXED_NOW, days: [{ day: FIXED_NOW - 86_400_000, score: 50, checks: { clock: 'pass' as const, 'audit-coverage': 'fail' as const } }] })),
    mockEndpoint(endpoints.complianceCheck, () => ({ check: coverage, controls: [{ framework: 'iso27001' as const, id: 'A.8.15', title: 'Logging' }], history: [{ day: FIXED_NOW - 86_400_000, status: 'fail' as const, summary: 'deleted' }] })),
    mockEndpoint(endpoints.complianceSigningKey, () => ({ algorithm: 'Ed25519' as const, publicKeyPem: 'PEM', fingerprint: 'ab'.repeat(32) })),
    mockEndpoint(endpoints.listComplianceSchedules, () => ({ schedules: [], delivery: 'not_configured' as const, channel: null, maxAttachmentBytes: 7 * 1024 * 1024 })),
    mockEndpoint(endpoints.getCompliancePolicy, () => ({
      policy: {
        retention: { security: { pattern: 'auth', minDays: 180 }, audit: { pattern: 'CTS', minDays: 180 }, application: { pattern: '.', minDays: 7 } },
        personalData: { pattern: 'access', maxDays: 400 }, maxTraceGapHours: 24, incidentAckHours: 24, maxClockSkewMinutes: 5, tokenMaxAgeDays: 90, periodDays: 30,
      },
      updatedAt: null, updatedBy: null,
    })),
  );
}

function renderPage(route: string, auth: AuthState = manager()) {
  return renderWithProviders(<AuthContext value={auth}><CompliancePage /></AuthContext>, { route });
}

describe('Compliance view', () => {
  it('shows the score, the failing control with since when, and says delivery is not configured', async () => {
    mockAll();
    renderPage('/compliance');
    expect(await screen.findByTestId('compliance-score', {}, { timeout: 5000 })).toHaveTextContent('50%');
    const row = screen.getByTestId('control-A.8.15');
    expect(within(row).getByText('Fail')).toBeInTheDocument();
    expect(screen.getByTestId('check-audit-coverage')).toHaveTextContent(/Since/);
    expect(await screen.findByTestId('schedule-delivery')).toHaveTextContent(/Delivery not configured: there is no enabled e-mail channel/);
    expect(await screen.findByRole('img', { name: /Score and check status per day over 30 days/ })).toBeInTheDocument();
    const series = (chart.props?.option as { series: { data: unknown[] }[] }).series;
    expect(series[0]?.data.filter((v) => v !== null)).toEqual([50]);
    expect(series[1]?.data).toHaveLength(2);
  });

  it('drills down into the evidence, keeps the check in the URL, and renders stored text inert', async () => {
    mockAll();
    const { user, router } = renderPage('/compliance?framework=c5');
    await user.click(within(await screen.findByTestId('check-audit-coverage')).getByRole('button'));
    const drawer = await screen.findByTestId('check-drawer');
    expect(router.state.location.search).toContain('check=audit-coverage');
    expect(router.state.location.search).toContain('framework=c5');
    expect(await within(drawer).findByText(/deleteTracker on <img/)).toBeInTheDocument();
    expect(drawer.querySelector('img')).toBeNull();
    // Managers cannot open traces: the link is shown as plain text.
    expect(within(drawer).queryByRole('link', { name: 'open trace' })).toBeNull();
    expect(within(drawer).getByTestId('check-since')).toBeInTheDocument();
    await user.click(within(drawer).getByRole('button', { name: 'Close evidence' }));
    expect(router.state.location.search).not.toContain('check=');
  });

  it('lets an admin with a second factor change a policy value; managers see the values read-only', async () => {
    mockAll();
    let saved: unknown = null;
    server.use(mockEndpoint(endpoints.putCompliancePolicy, ({ body }) => {
      saved = body;
      return { policy: body, updatedAt: FIXED_NOW, updatedBy: 'Ada Admin' };
    }));
    const admin: AuthState = { ...manager(), me: { subject: 'u-a', name: 'Ada Admin', roles: ['admin'], kind: 'user', multiFactor: true } };
    const { user } = renderPage('/compliance', admin);
    const field = await screen.findByLabelText('Incidents opened within (h)');
    await user.clear(field);
    await user.type(field, '48');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await vi.waitFor(() => expect(saved).toMatchObject({ incidentAckHours: 48, maxTraceGapHours: 24 }));
  });

  it('shows the policy read-only to managers', async () => {
    mockAll();
    renderPage('/compliance');
    expect(await screen.findByLabelText('Incidents opened within (h)')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save policy' })).toBeNull();
  });

  it('shows each schedule\'s next pack and how the last one fared, with the channel it goes through', async () => {
    mockAll();
    const base = { framework: 'iso27001' as const, cadence: 'weekly' as const, createdBy: 'user-1a2b3c4d', createdAt: FIXED_NOW - 86_400_000, delivery: 'email' as const, nextRunAt: FIXED_NOW + 86_400_000, lastError: null };
    server.use(mockEndpoint(endpoints.listComplianceSchedules, () => ({
      delivery: 'email' as const, channel: { id: 'c1', name: `relay ${HOSTILE}` }, maxAttachmentBytes: 7 * 1024 * 1024,
      schedules: [
        { ...base, id: '00000000-0000-4000-8000-000000000001', recipient: 'auditor@example.com', lastRunAt: FIXED_NOW - 3_600_000, lastPeriod: { from: FIXED_NOW - 8 * 86_400_000, to: FIXED_NOW - 86_400_000 },
          lastDelivery: { notificationId: '7', status: 'pending' as const, attempts: 2, lastError: 'ECONNREFUSED 127.0.0.1:25', createdAt: FIXED_NOW - 3_600_000, deliveredAt: null, nextAttemptAt: FIXED_NOW + 60_000 } },
        { ...base, id: '00000000-0000-4000-8000-000000000002', recipient: 'dpo@example.com', lastRunAt: null, lastPeriod: null, lastDelivery: null },
      ],
    })));
    renderPage('/compliance');
    expect(await screen.findByTestId('schedule-delivery')).toHaveTextContent(/through the e-mail channel “relay <img/);
    const rows = await screen.findAllByTestId('schedule-row');
    expect(rows[0]).toHaveTextContent(/retrying \(2 attempt\(s\), next .*\): ECONNREFUSED 127\.0\.0\.1:25/);
    expect(rows[0]).toHaveTextContent(/period /);
    expect(rows[1]).toHaveTextContent('not run yet');
    expect(document.querySelector('img')).toBeNull();
  });
});
