import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import type { AlertSummary } from '../../contract/schemas/alert-summary.ts';
import type { Backtest } from '../../contract/schemas/alert-rules.ts';
import { AuthContext, type AuthState } from '../../lib/auth-context.ts';
import { FIXED_NOW } from '../../testing/fixtures.ts';
import { mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { AlertsPage } from './alerts-page.tsx';

vi.mock('../../components/echarts-runtime.ts', () => ({
  init: () => ({ setOption() {}, on() {}, off() {}, dispatchAction() {}, resize() {}, dispose() {} }),
}));

const SLOW = { timeout: 8_000 };
const DAY = 86_400_000;

function authState(roles: ('admin' | 'analyst' | 'manager')[]): AuthState {
  return { status: 'signed-in', me: { subject: 'u-1', name: 'Mia', roles, kind: 'user', multiFactor: true }, problem: null, signIn: vi.fn(), stepUp: vi.fn(), signOut: vi.fn(), canOpen: () => true };
}

const zero = { critical: 0, major: 0, minor: 0, info: 0 };
const summary: AlertSummary = {
  from: FIXED_NOW - 30 * DAY,
  to: FIXED_NOW,
  rules: { total: 5, enabled: 4, bySeverity: { critical: 2, major: 2, minor: 0, info: 0 }, byType: { query: 1, ratio: 1, absence: 0, audit: 1, anomaly: 1 } },
  firingNow: { ...zero, major: 1 },
  days: [
    { day: FIXED_NOW - 2 * DAY, started: zero, resolved: 0, acknowledged: 0 },
    { day: FIXED_NOW - DAY, started: { ...zero, critical: 3, major: 1 }, resolved: 4, acknowledged: 2 },
  ],
  notifications: { delivered: 7, failed: 1, pending: 0, silenced: 2 },
};

describe('Alerts for managers', () => {
  it('shows counts only, without tabs for rules, events or channels, and never asks for them', async () => {
    const asked: string[] = [];
    server.use(
      mockEndpoint(endpoints.alertSummary, () => summary),
      mockEndpoint(endpoints.listAlertRules, () => {
        asked.push('rules');
        return { rules: [], minEverySeconds: 60 };
      }),
    );
    renderWithProviders(
      <AuthContext value={authState(['manager'])}>
        <AlertsPage />
      </AuthContext>,
      { route: '/alerts?tab=rules' },
    );
    const table = await screen.findByRole('table', { name: 'Alerts per day' }, SLOW);
    // Days without alerts are left out; the day with alerts shows its counts per severity and state.
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent(/3\s*1\s*0\s*0\s*4\s*2/);
    expect(screen.getByText('4 of 5 rules enabled')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(asked).toEqual([]);
  });
});

describe('Anomaly rules in the editor', () => {
  it('switches a rule to the anomaly type with kind, subject and score, and replays it', { timeout: 30_000 }, async () => {
    const replayed: unknown[] = [];
    const result: Backtest = {
      from: FIXED_NOW - 30 * DAY, to: FIXED_NOW, stepMs: 60_000,
      instances: [{ group: { user: 'tobias.becker' }, groupKey: 'user:tobias.becker', start: FIXED_NOW - DAY, end: FIXED_NOW - DAY + 3_600_000, peak: 94, evidencePath: '/anomalies?kind=audit_behaviour' }],
      series: { times: [FIXED_NOW - DAY, FIXED_NOW], values: [94, null] }, threshold: 90, op: '>=',
      firesPerDay: [], totalFiringMs: 3_600_000, flapping: 0, noiseWarning: null, notifications: 2, notificationsNote: null, groupsCut: 0, complete: true, incompleteReason: null, evidencePath: '/anomalies',
    };
    server.use(
      mockEndpoint(endpoints.listAlertRules, () => ({ rules: [], minEverySeconds: 60 })),
      mockEndpoint(endpoints.backtestAlertRule, ({ body }) => {
        replayed.push(body.rule.condition);
        return result;
      }),
    );
    const view = renderWithProviders(
      <AuthContext value={authState(['admin'])}>
        <AlertsPage />
      </AuthContext>,
      { route: '/alerts?rule=new' },
    );
    await view.user.selectOptions(await screen.findByLabelText('Type', {}, SLOW), 'anomaly');
    expect(screen.getByLabelText('Anomaly kind')).toHaveValue('audit_behaviour');
    expect(screen.queryByLabelText('Log stream')).not.toBeInTheDocument();
    await view.user.type(screen.getByLabelText('User'), 'tobias.becker');
    const score = screen.getByLabelText(/^Minimum score/);
    await view.user.clear(score);
    await view.user.type(score, '90');
    await view.user.type(screen.getByLabelText('Name'), 'Unusual behaviour');
    expect(await screen.findByRole('link', { name: 'Anomalies' }, SLOW)).toHaveAttribute('href', '/anomalies?kind=audit_behaviour');
    expect(replayed.at(-1)).toMatchObject({ type: 'anomaly', kind: 'audit_behaviour', user: 'tobias.becker', minScore: 90 });
  });
});
