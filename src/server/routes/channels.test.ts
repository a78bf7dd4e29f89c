// Channels, silences and delivery status through the real HTTP pipeline on a real state.db.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSchema, notificationListSchema, silenceListSchema, silenceSchema, templatePreviewSchema } from '../../contract/index.ts';
import { parseAllowList } from '../outbound/address-policy.ts';
import { OutboundClient } from '../outbound/client.ts';
import { startReceiver, type TestReceiver } from '../services/notify/test-receiver.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

let t: TestApp;
let receiver: TestReceiver;
beforeAll(async () => {
  receiver = await startReceiver();
  t = await createTestApp({ outbound: new OutboundClient({ allow: parseAllowList('127.0.0.1'), timeoutMs: 3000 }), maxBodyBytes: 65_536 });
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

const admin = { sub: 'u-admin', name: 'Ada Admin', roles: ['admin'], amr: ['pwd', 'otp'] };
const analyst = { sub: 'u-ana', name: 'Ana Analyst', roles: ['analyst'] };

async function call(user: object, method: string, path: string, body?: unknown) {
  const headers = await dpopHeaders(t.issuer, method, path.split('?')[0]!, user);
  return t.app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const SECRET = 'do-not-leak-7f3a';

describe('channels', () => {
  it('creates a webhook channel, never returning or auditing its secret', async () => {
    const response = await call(admin, 'POST', '/api/channels', { name: 'SOC hook', settings: { kind: 'webhook', url: `${receiver.url}/hook`, secret: SECRET } });
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    const channel = channelSchema.parse(JSON.parse(text));
    expect(channel).toMatchObject({ name: 'SOC hook', kind: 'webhook', secretsSet: ['secret'], createdBy: 'Ada Admin' });
    expect(JSON.stringify(await (await call(analyst, 'GET', '/api/channels')).json())).not.toContain(SECRET);
    const records = JSON.stringify(t.state.audit.list({ limit: 50 }).records);
    expect(records).toContain('createChannel');
    expect(records).not.toContain(SECRET);
  });

  it('refuses inner destinations at save time in any notation, naming the field', async () => {
    for (const url of ['http://169.254.169.254/latest', 'http://2852039166/', 'http://[::ffff:10.0.0.1]/', 'http://0x0a000001/']) {
      const response = await call(admin, 'POST', '/api/channels', { name: 'bad', settings: { kind: 'webhook', url } });
      expect(response.status, url).toBe(400);
      const body = (await response.json()) as { error: { details: { issues: Array<{ path: string; message: string }> } } };
      expect(body.error.details.issues[0]).toMatchObject({ path: 'body.settings.url', message: expect.stringMatching(/destination refused/) });
    }
    const slack = await call(admin, 'POST', '/api/channels', { name: 'chat', settings: { kind: 'slack', url: 'http://hooks.slack.com/services/x' } });
    expect(slack.status).toBe(400);
    expect(JSON.stringify(await slack.json())).toMatch(/https is required/);
  });

  it('refuses an invalid template with the position of the problem, and saves nothing', async () => {
    const before = t.state.channels.count();
    const response = await call(admin, 'POST', '/api/channels', {
      name: 'templated',
      settings: { kind: 'webhook', url: `${receiver.url}/hook` },
      template: { title: '{{ruleName}}', body: 'Alert {{nope}}' },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { issues: unknown[] } } };
    expect(body.error.details.issues).toEqual([{ path: 'body.template.body', position: 6, message: expect.stringMatching(/unknown variable "nope"/) }]);
    expect(t.state.channels.count()).toBe(before);
  });

  it('keeps a stored secret when an update omits it, and needs the step-up', async () => {
    const created = channelSchema.parse(await (await call(admin, 'POST', '/api/channels', { name: 'keep', settings: { kind: 'webhook', url: `${receiver.url}/a`, secret: SECRET } })).json());
    const noMfa = await call({ ...admin, amr: ['pwd'] }, 'PUT', `/api/channels/${created.id}`, { name: 'keep 2', settings: { kind: 'webhook', url: `${receiver.url}/b` } });
    expect(noMfa.status).toBe(403);
    const updated = await call(admin, 'PUT', `/api/channels/${created.id}`, { name: 'keep 2', settings: { kind: 'webhook', url: `${receiver.url}/b` } });
    expect(channelSchema.parse(await updated.json())).toMatchObject({ name: 'keep 2', secretsSet: ['secret'], settings: { url: `${receiver.url}/b` } });
    expect(t.state.channels.get(created.id)!.secrets.secret).toBe(SECRET);
  });

  it('tests a channel for real and shows the test in delivery status', async () => {
    const created = channelSchema.parse(await (await call(admin, 'POST', '/api/channels', { name: 'tested', settings: { kind: 'webhook', url: `${receiver.url}/test`, secret: SECRET } })).json());
    const response = await call(admin, 'POST', `/api/channels/${created.id}/test`, {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, detail: 'HTTP 200: ok' });
    const request = receiver.received.at(-1)!;
    expect(request.headers['x-vigil-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`);
    const list = notificationListSchema.parse(await (await call(analyst, 'GET', `/api/notifications?channelId=${created.id}`)).json());
    expect(list.notifications[0]).toMatchObject({ reason: 'test', status: 'delivered', channelName: 'tested' });

    receiver.respond = () => 500;
    const failing = await call(admin, 'POST', `/api/channels/${created.id}/test`, {});
    expect(await failing.json()).toMatchObject({ ok: false, detail: expect.stringMatching(/HTTP 500/) });
    receiver.respond = () => 200;
    const failed = notificationListSchema.parse(await (await call(analyst, 'GET', '/api/notifications?status=failed')).json());
    expect(failed.notifications[0]).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/HTTP 500/) });
    expect(failed.counts.failed).toBeGreaterThanOrEqual(1);
  });

  it('previews exactly the payload the sender sends, or the template errors', async () => {
    const ok = templatePreviewSchema.parse(await (await call(admin, 'POST', '/api/channels/preview', { kind: 'slack', template: { title: '{{ruleName}}', body: '{{#alerts}}{{labels.host}}{{/alerts}}' } })).json());
    expect(JSON.parse(ok.payload)).toEqual({ text: '*SSH brute force (sample)*\necs-bastion-01' });
    const bad = templatePreviewSchema.parse(await (await call(admin, 'POST', '/api/channels/preview', { kind: 'slack', template: { title: '{{#alerts}}', body: '' } })).json());
    expect(bad).toMatchObject({ ok: false, errors: [{ field: 'title', position: 0 }] });
  });

  it('deletes a channel (audited with the record before)', async () => {
    const created = channelSchema.parse(await (await call(admin, 'POST', '/api/channels', { name: 'gone', settings: { kind: 'teams', url: 'https://example.webhook.office.com/x' } })).json());
    expect(created.settings).toEqual({ kind: 'teams', urlHint: 'https://example.webhook.office.com/…' });
    expect((await call(admin, 'DELETE', `/api/channels/${created.id}`)).status).toBe(200);
    expect((await call(admin, 'DELETE', `/api/channels/${created.id}`)).status).toBe(404);
  });
});

describe('silences', () => {
  it('creates, lists and expires a silence; analysts read but may not create', async () => {
    const body = { matchers: [{ label: 'sourceIp', op: '=', value: '185.220.101.47' }], startsAt: new Date().toISOString(), endsAt: Date.now() + 3600_000, comment: 'known pentest' };
    expect((await call(analyst, 'POST', '/api/silences', body)).status).toBe(403);
    const created = silenceSchema.parse(await (await call(admin, 'POST', '/api/silences', body)).json());
    expect(created).toMatchObject({ status: 'active', createdBy: 'Ada Admin', kind: 'silence' });
    const listed = silenceListSchema.parse(await (await call(analyst, 'GET', '/api/silences')).json());
    expect(listed.silences.map((s) => s.id)).toContain(created.id);
    const expired = silenceSchema.parse(await (await call(admin, 'DELETE', `/api/silences/${created.id}`)).json());
    expect(expired).toMatchObject({ status: 'expired', expiredBy: 'Ada Admin' });
    const current = silenceListSchema.parse(await (await call(analyst, 'GET', '/api/silences')).json());
    expect(current.silences.map((s) => s.id)).not.toContain(created.id);
  });

  it('validates maintenance windows: time zone, order, recurrence only for maintenance', async () => {
    const base = { matchers: [{ label: 'alertname', op: '=', value: 'x' }], startsAt: Date.now(), endsAt: Date.now() + 86_400_000, comment: 'patch night' };
    const recurrence = { weekdays: [2], startMinute: 60, durationMinutes: 120, timeZone: 'Europe/Berlin' };
    expect((await call(admin, 'POST', '/api/silences', { ...base, kind: 'maintenance', recurrence })).status).toBe(201);
    expect((await call(admin, 'POST', '/api/silences', { ...base, kind: 'maintenance', recurrence: { ...recurrence, timeZone: 'Mars/Olympus' } })).status).toBe(400);
    expect((await call(admin, 'POST', '/api/silences', { ...base, recurrence })).status).toBe(400);
    expect((await call(admin, 'POST', '/api/silences', { ...base, endsAt: base.startsAt - 1 })).status).toBe(400);
  });
});
