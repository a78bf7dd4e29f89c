// Each check against a real store and state, in a passing and a failing state.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckId, CheckResult } from '../../../contract/index.ts';
import { openDatabase } from '../../storage/embedded/sqlite.ts';
import { makeTrace } from '../../storage/embedded/test-helpers.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { REVEAL } from './facts.ts';
import { ComplianceRunner } from './runner.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 20, 12, 0);

let t: TestApp;
let runner: ComplianceRunner;

async function check(id: CheckId): Promise<CheckResult> {
  const result = runner.evaluate(await runner.gather(), REVEAL).find((c) => c.id === id);
  if (!result) throw new Error(`no check ${id}`);
  return result;
}

/** A healthy tenant: a trace every hour for 31 days, a tracker created long ago, two streams, a recent retention run. */
async function healthy(): Promise<void> {
  const traces = Array.from({ length: 31 * 24 }, (_, i) => makeTrace(`t-${i}`, { time: NOW - (i + 1) * HOUR + 60_000, record_time: NOW - (i + 1) * HOUR + 61_000, trace_rating: 'normal' }));
  traces.push(makeTrace('tracker-created', { service_type: 'CTS', trace_name: 'createTracker', time: NOW - 60 * DAY, record_time: NOW - 60 * DAY }));
  await t.store.traces.appendTraces(traces);
  const audit = await t.store.logs.ensureGroup({ name: 'CTS', ttlInDays: 180 });
  const auditStream = await t.store.logs.ensureStream({ groupId: audit.id, name: 'system-trace' });
  const app = await t.store.logs.ensureGroup({ name: 'shop', ttlInDays: 30 });
  const appStream = await t.store.logs.ensureStream({ groupId: app.id, name: 'app' });
  await t.store.logs.appendLines(auditStream.id, [{ time: NOW - HOUR, content: 'trace line', labels: {} }]);
  await t.store.logs.appendLines(appStream.id, [{ time: NOW - 2 * 60_000, content: 'hello', labels: {} }]);
  t.state.compliance.recordRetentionRun({ startedAt: NOW - 30 * 60_000, finishedAt: NOW - 29 * 60_000, deletedLines: 3, error: null });
}

beforeEach(async () => {
  t = await createTestApp({ now: () => NOW });
  runner = new ComplianceRunner({ store: t.store, audit: t.state.audit, tokens: t.state.tokens, compliance: t.state.compliance, now: () => NOW });
  await healthy();
});
afterEach(() => t.close());

const adminActor = { id: 'u-ada', name: 'Ada Admin', kind: 'user' as const };

describe('compliance checks on a real store', () => {
  it('retention passes, then fails when a security stream keeps too little or the job stops running', async () => {
    expect((await check('retention')).status).toBe('pass');
    const group = await t.store.logs.ensureGroup({ name: 'ecs', ttlInDays: 30 });
    await t.store.logs.ensureStream({ groupId: group.id, name: 'auth' });
    const failing = await check('retention');
    expect(failing.status).toBe('fail');
    expect(failing.evidence.find((e) => e.label === 'ecs/auth')).toMatchObject({ status: 'fail', value: expect.stringContaining('keeps 30 days (minimum 180)') });
  });

  it('retention fails when no run of the retention job is recorded recently', async () => {
    t.state.compliance.recordRetentionRun({ startedAt: NOW - 20 * 60_000, finishedAt: NOW - 19 * 60_000, deletedLines: 0, error: 'disk full' });
    expect((await check('retention')).status).toBe('warn');
    const stale = new ComplianceRunner({ store: t.store, audit: t.state.audit, tokens: t.state.tokens, compliance: t.state.compliance, now: () => NOW + 5 * HOUR });
    const result = stale.evaluate(await stale.gather(), REVEAL).find((c) => c.id === 'retention')!;
    expect(result.evidence[0]).toMatchObject({ label: 'Retention job', status: 'fail', value: expect.stringContaining('overdue') });
  });

  it('audit coverage passes while traces arrive, fails from a tracker deletion and from a gap', async () => {
    expect((await check('audit-coverage')).status).toBe('pass');
    const deletedAt = NOW - 5 * HOUR;
    await t.store.traces.appendTraces([makeTrace('deleted', { service_type: 'CTS', trace_name: 'deleteTracker', trace_rating: 'incident', time: deletedAt, record_time: deletedAt })]);
    const failing = await check('audit-coverage');
    expect(failing).toMatchObject({ status: 'fail', since: deletedAt });
    expect(failing.evidence[0]).toMatchObject({ label: 'Tracker deleted', link: { kind: 'trace', id: 'deleted' } });
    await t.store.traces.appendTraces([makeTrace('recreated', { service_type: 'CTS', trace_name: 'createTracker', time: NOW - HOUR, record_time: NOW - HOUR })]);
    expect((await check('audit-coverage')).status).toBe('pass');
  });

  it('audit coverage fails on a gap longer than the policy allows', async () => {
    t.state.compliance.setPolicy({ ...t.state.compliance.policy().policy, maxTraceGapHours: 1 }, 'test');
    expect((await check('audit-coverage')).status).toBe('pass');
    t.state.compliance.setPolicy({ ...t.state.compliance.policy().policy, maxTraceGapHours: 2 }, 'test');
    const later = new ComplianceRunner({ store: t.store, audit: t.state.audit, tokens: t.state.tokens, compliance: t.state.compliance, now: () => NOW + 4 * HOUR });
    const result = later.evaluate(await later.gather(), REVEAL).find((c) => c.id === 'audit-coverage')!;
    expect(result.status).toBe('fail');
    expect(result.evidence.some((e) => e.label === 'Gap without traces')).toBe(true);
  });

  it('integrity counts imported CTS files: not evaluable without digests, pass when verified, fail when one was changed', async () => {
    const none = await check('integrity');
    expect(none.evidence.find((e) => e.label === 'CTS trace files')).toMatchObject({ status: 'not_evaluable', value: expect.stringContaining('--digest') });
    const withCts = new ComplianceRunner({ store: t.store, audit: t.state.audit, tokens: t.state.tokens, compliance: t.state.compliance, ctsVerifications: t.state.ctsVerifications, now: () => NOW });
    const evaluate = async () => withCts.evaluate(await withCts.gather(), REVEAL).find((c) => c.id === 'integrity')!;
    const row = { md5: 'ab', digest: 'd.json.gz', detail: 'MD5 matches' };
    t.state.ctsVerifications.record([{ ...row, file: '/obs/a.json.gz', status: 'verified' }, { ...row, file: '/obs/b.json.gz', status: 'verified' }]);
    const passing = await evaluate();
    expect(passing.status).toBe('pass');
    expect(passing.evidence.find((e) => e.label === 'CTS trace files')?.value).toMatch(/^2 checked against CTS digests: 2 verified, 0 changed/);
    t.state.ctsVerifications.record([{ ...row, file: '/obs/b.json.gz', status: 'changed', detail: 'its MD5 differs from the digest: the file was changed' }]);
    const failing = await evaluate();
    expect(failing.status).toBe('fail');
    expect(failing.summary).toMatch(/fail their digest check/);
    expect(failing.evidence.find((e) => e.label === 'CTS file b.json.gz')).toMatchObject({ status: 'fail', value: expect.stringContaining('was changed') });
  });

  it('integrity passes on an intact audit chain and fails after a record is edited', async () => {
    for (const action of ['a', 'b', 'c']) t.state.audit.append({ action, actor: adminActor, sourceIp: '', userAgent: '', resource: { type: 'x' }, code: 200 });
    expect((await check('integrity')).status).toBe('pass');
    const db = openDatabase(path.join(t.dataDir, 'state.db'));
    db.exec('DROP TRIGGER audit_records_no_update');
    db.prepare("UPDATE audit_records SET record = replace(record, 'Ada Admin', 'Mallory') WHERE seq = 2").run();
    db.close();
    const failing = await check('integrity');
    expect(failing.status).toBe('fail');
    expect(failing.evidence[0]).toMatchObject({ link: { kind: 'audit', id: '2' }, value: expect.stringContaining('BROKEN at record 2') });
  });

  it('privileged access passes for changes through the API and fails for a change without a second factor', async () => {
    t.state.audit.append({ action: 'createApiToken', actor: adminActor, sourceIp: '10.0.0.1', userAgent: 'browser', resource: { type: 'apiToken', name: 'ci' }, code: 201, path: '/api/admin/tokens' });
    expect((await check('privileged-access')).status).toBe('pass');
    t.state.audit.append({ action: 'createApiToken', actor: { id: 'cli', name: 'root', kind: 'user' }, sourceIp: 'localhost', userAgent: 'vigil cli', resource: { type: 'apiToken', name: 'backdoor' }, code: 201 });
    const failing = await check('privileged-access');
    expect(failing.status).toBe('fail');
    expect(failing.evidence.find((e) => e.label === 'Admin change without multi-factor sign-in')?.value).toContain('backdoor');
  });

  it('incident handling passes when the incident was opened in time and fails when nobody looked', async () => {
    await t.store.traces.appendTraces([makeTrace('incident-1', { service_type: 'IAM', trace_rating: 'incident', time: NOW - 2 * DAY, record_time: NOW - 2 * DAY })]);
    const failing = await check('incident-handling');
    expect(failing).toMatchObject({ status: 'fail', since: NOW - DAY });
    expect(failing.evidence[0]?.value).toContain('GDPR Art. 33 72-hour clock');
    t.state.audit.append({ action: 'viewTrace', actor: adminActor, sourceIp: '', userAgent: '', resource: { type: 'trace', id: 'incident-1' }, code: 200, path: '/api/traces/incident-1' });
    // Opened only now: still late.
    expect((await check('incident-handling')).status).toBe('fail');
  });

  it('incident handling judges critical alerts by their acknowledgement time', async () => {
    const alerts = [
      { id: 'a1', ruleName: 'SSH brute force', startsAt: NOW - 3 * DAY, ackedAt: NOW - 3 * DAY + HOUR },
      { id: 'a2', ruleName: 'Key deletion', startsAt: NOW - 2 * DAY, ackedAt: null },
    ];
    const withAlerts = (list: typeof alerts) => new ComplianceRunner({
      store: t.store, audit: t.state.audit, tokens: t.state.tokens, compliance: t.state.compliance, now: () => NOW,
      criticalAlerts: { criticalAlerts: async () => ({ alerts: list, truncated: false }) },
    });
    const judge = async (runnerWith: ComplianceRunner) => runnerWith.evaluate(await runnerWith.gather(), REVEAL).find((c) => c.id === 'incident-handling')!;
    const late = await judge(withAlerts(alerts));
    expect(late).toMatchObject({ status: 'fail', since: NOW - 2 * DAY + DAY });
    expect(late.evidence.find((e) => e.label === 'Critical alert Key deletion')?.value).toContain('not acknowledged within 24 h');
    expect(late.evidence.find((e) => e.label === 'Critical alert SSH brute force')?.status).toBe('pass');
    const handled = await judge(withAlerts(alerts.slice(0, 1)));
    expect(handled.status).toBe('pass');
  });

  it('clock passes for honest stamps and fails for lines from the future', async () => {
    expect((await check('clock')).status).toBe('pass');
    const group = await t.store.logs.ensureGroup({ name: 'drift', ttlInDays: 7 });
    const stream = await t.store.logs.ensureStream({ groupId: group.id, name: 'app' });
    await t.store.logs.appendLines(stream.id, [{ time: NOW + 2 * HOUR, content: 'from the future', labels: {} }]);
    const failing = await check('clock');
    expect(failing.status).toBe('fail');
    expect(failing.evidence[0]?.label).toBe('drift/app');
  });

  it('read accountability warns without recorded reads and passes once they are recorded; monitoring says not evaluable', async () => {
    expect((await check('read-accountability')).status).toBe('warn');
    t.state.audit.append({ action: 'searchLogs', actor: adminActor, sourceIp: '', userAgent: '', resource: { type: 'logs' }, code: 200 });
    const passing = await check('read-accountability');
    expect(passing.status).toBe('pass');
    expect(passing.evidence[0]).toMatchObject({ label: 'Ada Admin', value: 'searchLogs 1' });
    expect((await check('monitoring')).status).toBe('not_evaluable');
  });

  it('monitoring evaluates alert rules once a source is wired in', async () => {
    const topics = ['failed sign-ins', 'IAM and policy changes', 'tracker deletion', 'key deletion', 'security group changes'];
    const wired = new ComplianceRunner({
      store: t.store, audit: t.state.audit, tokens: t.state.tokens, compliance: t.state.compliance, now: () => NOW,
      alertRules: { rules: async () => [{ id: 'r1', name: 'all', enabled: true, topics }] },
      deliveries: { deliveries: async () => ({ delivered: 3, failed: 0, pending: 0 }) },
    });
    expect(wired.evaluate(await wired.gather(), REVEAL).find((c) => c.id === 'monitoring')?.status).toBe('pass');
    const partial = new ComplianceRunner({
      store: t.store, audit: t.state.audit, tokens: t.state.tokens, compliance: t.state.compliance, now: () => NOW,
      alertRules: { rules: async () => [{ id: 'r1', name: 'all', enabled: false, topics }] },
    });
    expect(partial.evaluate(await partial.gather(), REVEAL).find((c) => c.id === 'monitoring')?.status).toBe('fail');
  });
});
