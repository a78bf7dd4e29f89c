// The compliance API over the seeded demo tenant through the real HTTP pipeline: the planted
// tracker deletion fails the coverage check from its moment, managers see no real name or
// address anywhere, evidence packs verify and name any changed byte, and changes are audited.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDetailSchema, compliancePolicyOutput, complianceStatusSchema, complianceTrendSchema, scheduleListSchema, scheduleSchema, signingKeySchema } from '../../contract/index.ts';
import { NEVER_SEEN_IP, demoScenarios, seedDemoData } from '../seed/index.ts';
import { TEAM } from '../seed/actors.ts';
import { verifyEvidencePack } from '../services/compliance/verify-pack.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0);
let t: TestApp;
let deleteTrackerAt: number;

async function call(method: string, url: string, roles: string[], body?: unknown, amr = ['pwd', 'otp']): Promise<Response> {
  const headers = await dpopHeaders(t.issuer, method, url.split('?')[0]!, { roles, amr, name: roles.includes('admin') ? 'Ada Admin' : 'Mia Manager' });
  return t.app.request(url, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
}
async function json<T>(url: string, schema: { parse(v: unknown): T }, roles = ['manager']): Promise<T> {
  const response = await call('GET', url, roles);
  expect(response.status, await response.clone().text()).toBe(200);
  return schema.parse(await response.json());
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  await seedDemoData(t.store, { lines: 20_000, days: 30, seed: 7, now: NOW });
  const scenario = demoScenarios(NOW).find((s) => 'deleteTrackerAt' in s.facts)!;
  deleteTrackerAt = scenario.facts.deleteTrackerAt as number;
  t.state.compliance.recordRetentionRun({ startedAt: NOW - 600_000, finishedAt: NOW - 590_000, deletedLines: 12, error: null });
}, 60_000);
afterAll(() => t.close());

describe('compliance status', () => {
  it('fails audit coverage from the moment the tracker was deleted, with a link to the trace', async () => {
    const status = await json('/api/compliance/status?framework=iso27001', complianceStatusSchema);
    const coverage = status.checks.find((c) => c.id === 'audit-coverage')!;
    expect(coverage.status).toBe('fail');
    expect(coverage.since).toBe(deleteTrackerAt);
    const evidence = coverage.evidence.find((e) => e.label === 'Tracker deleted')!;
    expect(evidence.time).toBe(deleteTrackerAt);
    expect(evidence.link?.kind).toBe('trace');
    expect(status.controls.find((c) => c.id === 'A.8.15')).toMatchObject({ status: 'fail', since: deleteTrackerAt });
    // Alerting is wired in, and this store has no alert rules: no monitored topic is covered.
    expect(status.checks.find((c) => c.id === 'monitoring')?.status).toBe('fail');
    expect(status.score).not.toBeNull();
  });

  it('shows managers pseudonyms only: no real user name or address anywhere in the response', async () => {
    // Make sure the audit trail holds a real admin change and a trace view for the evidence.
    await call('POST', '/api/admin/tokens', ['admin'], { name: 'ci', role: 'admin', expiresInDays: 5 });
    const texts = [
      await (await call('GET', '/api/compliance/status?framework=gdpr', ['manager'])).text(),
      await (await call('GET', '/api/compliance/checks/audit-coverage', ['manager'])).text(),
      await (await call('GET', '/api/compliance/checks/privileged-access', ['manager'])).text(),
      await (await call('GET', '/api/compliance/checks/incident-handling', ['manager'])).text(),
    ];
    const zip = new Uint8Array(await (await call('GET', '/api/compliance/evidence?framework=iso27001', ['manager'])).arrayBuffer());
    texts.push(...Object.values(unzipSync(zip)).map((file) => strFromU8(file)));
    const secrets = [...TEAM.map((m) => m.name), NEVER_SEEN_IP, 'Ada Admin'];
    for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
    expect(texts[1]).toMatch(/user-[0-9a-f]{8}/);
    // Admins see the real name.
    const admin = await (await call('GET', '/api/compliance/checks/audit-coverage', ['admin'])).text();
    expect(admin).toContain('tobias.becker');
  });

  it('keeps a daily snapshot and serves it as trend and as a past day', async () => {
    await json('/api/compliance/status?framework=c5', complianceStatusSchema);
    const trend = await json('/api/compliance/trend?framework=c5', complianceTrendSchema);
    expect(trend.days.at(-1)?.checks['audit-coverage']).toBe('fail');
    const detail = await json('/api/compliance/checks/retention', checkDetailSchema);
    expect(detail.controls.map((c) => c.id)).toContain('OPS-14');
    expect(detail.history.at(-1)?.status).toBe(detail.check.status);
    const past = await call('GET', `/api/compliance/status?framework=c5&at=${NOW - 3 * 86_400_000}`, ['manager']);
    expect(past.status).toBe(404);
  });
});

describe('evidence packs', () => {
  let zip: Uint8Array;
  let keyPem: string;
  beforeAll(async () => {
    const response = await call('GET', '/api/compliance/evidence?framework=c5', ['admin']);
    expect(response.headers.get('content-type')).toBe('application/zip');
    // Streamed: no length known up front, the body arrives in several chunks.
    expect(response.headers.get('content-length')).toBeNull();
    const parts: Uint8Array[] = [];
    const reader = response.body!.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
    expect(parts.length).toBeGreaterThan(3);
    zip = new Uint8Array(Buffer.concat(parts));
    keyPem = (await json('/api/compliance/signing-key', signingKeySchema)).publicKeyPem;
  });

  it('verifies against the published key and lists every file with its hash', () => {
    const result = verifyEvidencePack(zip, keyPem);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.manifest?.files.map((f) => f.path)).toEqual(expect.arrayContaining(['report.html', 'controls.json', 'snapshots.json', 'checks/audit-coverage.json', 'checks/audit-coverage.csv']));
    expect(result.manifest?.generatedBy).toBe('Ada Admin');
  });

  it('fails verification after any one byte of any file changes, naming the file', () => {
    const files = unzipSync(zip);
    for (const name of Object.keys(files)) {
      const changed = { ...files, [name]: Uint8Array.from(files[name]!) };
      const bytes = changed[name]!;
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      const result = verifyEvidencePack(zipSync(changed), keyPem);
      expect(result.ok, name).toBe(false);
      expect(result.problems.join('\n'), name).toContain(name === 'manifest.sig' ? 'manifest.json' : name);
    }
    const added = verifyEvidencePack(zipSync({ ...files, 'extra.txt': strToU8('x') }), keyPem);
    expect(added.problems).toContain('extra.txt: added, not in the manifest');
  });

  it('records every download in the audit trail', () => {
    const downloads = t.state.audit.list({ limit: 50, actions: ['complianceEvidence'] }).records;
    expect(downloads.length).toBeGreaterThanOrEqual(2);
    expect(downloads[0]?.user.name).toBe('Ada Admin');
  });
});

describe('policy and schedules', () => {
  it('lets an admin with a second factor change the policy, audited with before and after', async () => {
    const current = compliancePolicyOutput.parse(await (await call('GET', '/api/compliance/policy', ['manager'])).json()).policy;
    const next = { ...current, incidentAckHours: 48 };
    expect((await call('PUT', '/api/compliance/policy', ['admin'], next, ['pwd'])).status).toBe(403);
    const response = await call('PUT', '/api/compliance/policy', ['admin'], next);
    expect(compliancePolicyOutput.parse(await response.json())).toMatchObject({ policy: { incidentAckHours: 48 }, updatedBy: 'Ada Admin' });
    const record = t.state.audit.list({ limit: 1, actions: ['putCompliancePolicy'] }).records[0]!;
    expect(JSON.parse(record.request)).toMatchObject({ before: { incidentAckHours: 24 }, after: { incidentAckHours: 48 } });
    const bad = await call('PUT', '/api/compliance/policy', ['admin'], { ...next, maxTraceGapHours: 0 });
    expect(bad.status).toBe(400);
  });

  it('stores report schedules and says delivery is not configured', async () => {
    const created = scheduleSchema.parse(await (await call('POST', '/api/compliance/schedules', ['manager'], { framework: 'gdpr', cadence: 'monthly', recipient: 'dpo@example.com' })).json());
    expect(created.delivery).toBe('not_configured');
    const list = await (await call('GET', '/api/compliance/schedules', ['manager'])).json() as { schedules: { id: string; createdBy: string }[]; delivery: string };
    expect(list.delivery).toBe('not_configured');
    expect(list.schedules.find((s) => s.id === created.id)?.createdBy).toMatch(/^user-/);
    expect((await call('DELETE', `/api/compliance/schedules/${created.id}`, ['manager'])).status).toBe(200);
    expect((await call('POST', '/api/compliance/schedules', ['manager'], { framework: 'gdpr', cadence: 'daily', recipient: 'x' })).status).toBe(400);
  });

  it('shows the next run, the e-mail channel and the last delivery of each schedule', async () => {
    const channel = t.state.channels.create(
      { name: 'relay', enabled: true, settings: { kind: 'email', host: 'smtp.example.com', port: 587, security: 'starttls', from: 'vigil@example.com', to: ['a@example.com'] }, secrets: {}, template: { title: 't', body: 'b' } },
      'admin',
    );
    const created = scheduleSchema.parse(await (await call('POST', '/api/compliance/schedules', ['manager'], { framework: 'c5', cadence: 'weekly', recipient: 'audit@example.com' })).json());
    // NOW is a Friday: the first pack is due Monday 06:00 UTC.
    expect(created).toMatchObject({ delivery: 'email', nextRunAt: Date.UTC(2026, 10, 23, 6), lastRunAt: null, lastDelivery: null });
    const seq = t.state.outbox.add({
      channelId: channel.id, channelName: 'relay', channelKind: 'email', title: 'report', status: 'failed', lastError: 'EAUTH 535: refused', nextAttemptAt: null,
      content: { reason: 'report', ruleId: `report:${created.id}`, ruleName: 'r', groupKey: created.id, groupLabels: {}, alerts: [], idempotencyKey: `report-${created.id}-1`, at: NOW },
    });
    t.state.compliance.recordScheduleRun(created.id, { runAt: NOW, nextRunAt: NOW + 7 * 86_400_000, error: null, period: { from: NOW - 7 * 86_400_000, to: NOW }, outboxSeq: seq });
    const list = scheduleListSchema.parse(await (await call('GET', '/api/compliance/schedules', ['manager'])).json());
    expect(list).toMatchObject({ delivery: 'email', channel: { id: channel.id, name: 'relay' } });
    expect(list.schedules.find((s) => s.id === created.id)).toMatchObject({
      lastRunAt: NOW, lastPeriod: { from: NOW - 7 * 86_400_000, to: NOW }, lastDelivery: { status: 'failed', lastError: 'EAUTH 535: refused', notificationId: String(seq) },
    });
    // Send now: the last complete week's pack is queued, the next run stays.
    const sent = await call('POST', `/api/compliance/schedules/${created.id}/send`, ['manager']);
    expect(sent.status).toBe(202);
    expect(scheduleSchema.parse(await sent.json())).toMatchObject({
      nextRunAt: NOW + 7 * 86_400_000, lastPeriod: { from: Date.UTC(2026, 10, 9), to: Date.UTC(2026, 10, 16) }, lastDelivery: { status: 'pending', attempts: 0 },
    });
    t.state.channels.delete(channel.id);
    const refused = await call('POST', `/api/compliance/schedules/${created.id}/send`, ['manager']);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('delivery not configured');
  });
});
