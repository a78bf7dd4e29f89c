import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import type { AlertEvent } from '../../contract/schemas/alert-events.ts';
import type { AlertRuleList, Backtest } from '../../contract/schemas/alert-rules.ts';
import { AuthContext, type AuthState } from '../../lib/auth-context.ts';
import { FIXED_NOW } from '../../testing/fixtures.ts';
import { mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { AlertsPage } from './alerts-page.tsx';

// jsdom has no canvas: the chart gets a stand-in ECharts; chart.test.tsx covers the wrapper itself.
vi.mock('../../components/echarts-runtime.ts', () => ({
  init: () => ({ setOption() {}, on() {}, off() {}, dispatchAction() {}, resize() {}, dispose() {} }),
}));

// The backtest is debounced and the machine may be busy: allow more than the default second.
const SLOW = { timeout: 8_000 };

function authState(roles: ('admin' | 'analyst')[], multiFactor: boolean): AuthState {
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

const rule: AlertRuleList['rules'][number] = {
  id: 'r-ssh',
  name: 'SSH <b>brute</b> force',
  description: '',
  enabled: true,
  severity: 'critical',
  labels: {},
  everySeconds: 60,
  pendingSeconds: 0,
  recoveryEvaluations: 2,
  condition: { type: 'query', query: '"Failed password"', logGroups: ['ecs-prod'], logStreams: ['auth'], windowSeconds: 300, op: '>', threshold: 20, groupBy: 'ip', maxGroups: 100 },
  channelIds: [],
  notify: { groupBy: [], groupWaitSeconds: 30, groupIntervalSeconds: 300, repeatIntervalSeconds: 14_400 },
  version: 3,
  etag: '"r-ssh.v3"',
  createdAt: FIXED_NOW - 86_400_000,
  createdBy: 'vigil',
  updatedAt: FIXED_NOW - 3_600_000,
  updatedBy: 'Otto Admin',
  firing: 1,
  pending: 0,
  lastEvaluatedAt: FIXED_NOW,
  lastError: null,
};

function backtest(threshold: number): Backtest {
  const fires = threshold < 100;
  return {
    from: FIXED_NOW - 30 * 86_400_000,
    to: FIXED_NOW,
    stepMs: 60_000,
    instances: fires ? [{ group: { ip: '185.220.101.47' }, groupKey: '185.220.101.47', start: FIXED_NOW - 86_400_000, end: FIXED_NOW - 86_000_000, peak: 180, evidencePath: '/search?q=x' }] : [],
    series: { times: [FIXED_NOW - 60_000, FIXED_NOW], values: [180, 0] },
    threshold,
    op: '>',
    firesPerDay: [{ day: FIXED_NOW - 86_400_000, fires: fires ? 1 : 0 }],
    totalFiringMs: fires ? 400_000 : 0,
    flapping: 0,
    noiseWarning: null,
    notifications: fires ? 2 : 0,
    notificationsNote: 'after grouping by rule, repeat every 240 min',
    groupsCut: 0,
    complete: true,
    incompleteReason: null,
    evidencePath: '/search?q=x',
  };
}

function serveRules() {
  const saved: { ifMatch: string | null; threshold: number }[] = [];
  server.use(
    mockEndpoint(endpoints.listAlertRules, () => ({ rules: [rule], minEverySeconds: 60 })),
    mockEndpoint(endpoints.backtestAlertRule, ({ body }) => backtest((body.rule.condition as { threshold: number }).threshold)),
    mockEndpoint(endpoints.updateAlertRule, ({ body, request }) => {
      saved.push({ ifMatch: request.headers.get('if-match'), threshold: (body.condition as { threshold: number }).threshold });
      const { firing: _f, pending: _p, lastEvaluatedAt: _l, lastError: _e, ...stored } = rule;
      return { ...stored, ...body, version: 4, etag: '"r-ssh.v4"' };
    }),
  );
  return saved;
}

describe('AlertsPage', () => {
  it('lists rules with their state and shows hostile names as text', async () => {
    serveRules();
    renderWithProviders(
      <AuthContext value={authState(['analyst'], false)}>
        <AlertsPage />
      </AuthContext>,
      { route: '/alerts' },
    );
    const row = await screen.findByRole('row', { name: /SSH <b>brute<\/b> force/ }, SLOW);
    expect(within(row).getByText('firing (1)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New rule' })).not.toBeInTheDocument();
  });

  it('replays the edited rule, keeps the draft through the step-up, and saves with If-Match', { timeout: 30_000 }, async () => {
    const saved = serveRules();
    const noMfa = authState(['admin'], false);
    const first = renderWithProviders(
      <AuthContext value={noMfa}>
        <AlertsPage />
      </AuthContext>,
      { route: '/alerts?rule=r-ssh' },
    );
    expect(await screen.findByTestId('backtest-fires', {}, SLOW)).toHaveTextContent('1 time');
    const threshold = screen.getByLabelText('Threshold (lines)');
    await first.user.clear(threshold);
    await first.user.type(threshold, '200');
    expect(await screen.findByText('The rule would not have fired in this range.', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByTestId('backtest-fires')).toHaveTextContent('0 times');

    await first.user.click(screen.getByRole('button', { name: 'Verify and save' }));
    expect(noMfa.stepUp).toHaveBeenCalled();
    expect(saved).toEqual([]);
    first.unmount();

    // Back from the provider with the second factor: the draft is restored and saved against v3.
    const second = renderWithProviders(
      <AuthContext value={authState(['admin'], true)}>
        <AlertsPage />
      </AuthContext>,
      { route: '/alerts?rule=r-ssh' },
    );
    expect(await screen.findByText('Your unsaved changes were restored after the verification.', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByLabelText('Threshold (lines)')).toHaveValue(200);
    await second.user.click(screen.getByRole('button', { name: 'Save rule' }));
    expect(await screen.findByText('Saved as version 4.', {}, SLOW)).toBeInTheDocument();
    expect(saved).toEqual([{ ifMatch: '"r-ssh.v3"', threshold: 200 }]);
  });

  it('says who changed the rule meanwhile when the save conflicts', async () => {
    serveRules();
    server.use(
      mockEndpoint(endpoints.updateAlertRule, () =>
        Response.json({ error: { code: 'conflict', message: 'changed', details: { updatedBy: 'Otto Admin', updatedAt: FIXED_NOW, version: 4 } } }, { status: 409 }),
      ),
    );
    const { user } = renderWithProviders(
      <AuthContext value={authState(['admin'], true)}>
        <AlertsPage />
      </AuthContext>,
      { route: '/alerts?rule=r-ssh' },
    );
    await screen.findByTestId('backtest-fires', {}, SLOW);
    await user.click(screen.getByRole('button', { name: 'Save rule' }));
    expect(await screen.findByText(/Someone saved this rule meanwhile: Otto Admin/, {}, SLOW)).toBeInTheDocument();
  });

  it('lists alert events and acknowledges one with a note', async () => {
    const event: AlertEvent = {
      id: 'e1',
      ruleId: 'r-ssh',
      ruleName: 'SSH brute force',
      ruleVersion: 3,
      severity: 'critical',
      labels: { ip: '185.220.101.47' },
      groupKey: '185.220.101.47',
      state: 'firing',
      startsAt: FIXED_NOW - 600_000,
      endsAt: null,
      value: 36,
      peak: 180,
      threshold: 20,
      summary: 'SSH brute force: 36 lines in 5 min for ip=185.220.101.47 (> 20)',
      evidencePath: '/search?q=%22Failed+password%22',
      ack: null,
    };
    const notes: string[] = [];
    server.use(
      mockEndpoint(endpoints.listAlertEvents, () => ({ events: [notes.length ? { ...event, ack: { by: 'Ana Lyst', at: FIXED_NOW, note: notes[0]! } } : event], next: null })),
      mockEndpoint(endpoints.ackAlertEvent, ({ body }) => {
        notes.push(body.note);
        return { ...event, ack: { by: 'Ana Lyst', at: FIXED_NOW, note: body.note } };
      }),
    );
    const { user } = renderWithProviders(
      <AuthContext value={authState(['analyst'], false)}>
        <AlertsPage />
      </AuthContext>,
      { route: '/alerts?tab=events' },
    );
    const row = await screen.findByRole('row', { name: /185\.220\.101\.47/ }, SLOW);
    expect(within(row).getByRole('link', { name: 'Search' })).toHaveAttribute('href', '/search?q=%22Failed+password%22');
    await user.type(within(row).getByRole('textbox'), 'on it');
    await user.click(within(row).getByRole('button', { name: 'Acknowledge' }));
    expect(await screen.findByText('“on it”', {}, SLOW)).toBeInTheDocument();
    expect(notes).toEqual(['on it']);
  });
});
