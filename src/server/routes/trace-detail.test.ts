// A single trace (redaction, signals, correlation, audit) and the managers' masked timeline, over
// the seeded demo tenant with its planted night-time sign-in and tracker deletion.
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema, traceDetailSchema, traceListSchema, traceTimelineSchema } from '../../contract/index.ts';
import { NEVER_SEEN_IP } from '../seed/index.ts';
import { makeTrace } from '../storage/embedded/test-helpers.ts';
import { loadMaskingSecret, MASKING_SECRET_FILE, Pseudonymizer } from '../traces/pseudonyms.ts';
import { DAY, NOW, openTraceFixture, type TraceFixture } from '../traces/testing/trace-fixture.ts';

const SECRETS = ['Hunter2-secret!', 'eyJhbGciOiJIUzI1NiJ9', 'MIIabc123token', 'MIIsubjecttoken456', 'SK-very-secret-789', 'plaintext123', 'K3Y-VALUE'];
const secretTrace = makeTrace('with-secrets', {
  time: NOW - DAY,
  service_type: 'IAM',
  trace_name: 'createCredential',
  request: JSON.stringify({
    auth: { identity: { methods: ['password'], password: { user: { name: 'ops', password: SECRETS[0] } } } },
    headers: { Authorization: `Bearer ${SECRETS[1]}.eyJzdWIiOiIxIn0.abcDEF123`, 'X-Auth-Token': SECRETS[2] },
  }),
  response: `HTTP/1.1 201 Created\nX-Subject-Token: ${SECRETS[3]}\n{"credential":{"access":"AKIA1234","secret":"${SECRETS[4]}"}}`,
  message: `retry with password=${SECRETS[5]}`,
  resource_url: `/v3/auth?api_key=${SECRETS[6]}&region=eu-de`,
});

let f: TraceFixture;
beforeAll(async () => {
  f = await openTraceFixture([secretTrace]);
});
afterAll(() => f.close());

const yesterday = `from=${NOW - 2 * DAY}&to=${NOW}`;

describe('GET /api/traces/:traceId', () => {
  it('redacts passwords, tokens, keys and Authorization headers, and says where', async () => {
    const response = await f.get('/api/traces/with-secrets');
    const text = await response.text();
    expect(response.status).toBe(200);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const detail = traceDetailSchema.parse(JSON.parse(text));
    expect(JSON.parse(detail.trace.request)).toEqual({
      auth: { identity: { methods: ['password'], password: { user: { name: 'ops', password: '[REDACTED]' } } } },
      headers: { Authorization: '[REDACTED]', 'X-Auth-Token': '[REDACTED]' },
    });
    expect(detail.trace.response).toContain('"access":"AKIA1234"');
    expect(detail.trace.resource_url).toBe('/v3/auth?api_key=[REDACTED]&region=eu-de');
    expect(detail.redactions).toEqual([
      'request.auth.identity.password.user.password',
      'request.headers.Authorization',
      'request.headers.X-Auth-Token',
      'response',
      'message',
      'resource_url',
    ]);
  });

  it('audits each view, and answers 404 for an unknown id', async () => {
    await f.json('/api/traces/with-secrets', traceDetailSchema);
    const view = f.t.state.audit.list({ actions: ['viewTrace'], limit: 1 }).records[0]!;
    expect(view).toMatchObject({ resource_type: 'trace', resource_id: 'with-secrets', code: '200' });
    const missing = await f.get('/api/traces/no-such-trace');
    expect(missing.status).toBe(404);
    expect(errorEnvelopeSchema.parse(await missing.json()).error.code).toBe('not_found');
  });
});

describe('the planted night-time sign-in and tracker deletion', () => {
  it('is easy to find: the incident carries the first-seen badges, and so does the sign-in', async () => {
    const incidents = await f.json(`/api/traces?${yesterday}&trace_rating=incident&service_type=CTS`, traceListSchema);
    const deletion = incidents.traces.find((trace) => trace.trace_name === 'deleteTracker')!;
    expect(deletion).toMatchObject({ user: { name: 'tobias.becker' }, source_ip: NEVER_SEEN_IP });
    const kinds = deletion.signals.map((signal) => signal.kind).sort();
    expect(kinds).toEqual(['first_operation', 'new_source_ip', 'unusual_hour']);

    const session = await f.json(`/api/traces?${yesterday}&source_ip=${NEVER_SEEN_IP}`, traceListSchema);
    expect(session.traces.map((trace) => trace.trace_name)).toEqual(['deleteTracker', 'login']);
    const login = session.traces[1]!;
    const firstSeen = login.signals.find((signal) => signal.kind === 'new_source_ip');
    expect(firstSeen).toMatchObject({ first_seen: login.time });
    expect(deletion.signals.find((signal) => signal.kind === 'new_source_ip')).toMatchObject({ first_seen: login.time });
  });

  it('opens with the log search around it: resource, request id and address, ±15 minutes', async () => {
    const list = await f.json(`/api/traces?${yesterday}&trace_name=deleteTracker`, traceListSchema);
    const id = list.traces[0]!.trace_id;
    const detail = await f.json(`/api/traces/${id}`, traceDetailSchema);
    const { trace, correlation } = detail;
    expect(correlation).toEqual({
      query: `"${trace.resource_id}" OR "${trace.resource_name}" OR "${trace.request_id}" OR "${NEVER_SEEN_IP}"`,
      from: trace.time - 15 * 60_000,
      to: trace.time + 15 * 60_000,
    });
    expect(detail.signals.map((signal) => signal.kind)).toContain('first_operation');
  });

  it('a sign-in from a usual address at a usual hour carries no badges', async () => {
    const logins = await f.json(`/api/traces?${yesterday}&trace_name=login&source_ip=217.6.112.8/29&trace_rating=normal`, traceListSchema);
    const daytime = logins.traces.filter((trace) => new Date(trace.time).getUTCHours() >= 8 && new Date(trace.time).getUTCHours() < 16);
    expect(daytime.length).toBeGreaterThan(0);
    for (const trace of daytime) expect(trace.signals).toEqual([]);
  });
});

describe('the timeline for managers', () => {
  const manager = ['manager'];
  const pseudonyms = () => new Pseudonymizer(loadMaskingSecret(f.t.dataDir));

  it('masks personal data: points carry stable pseudonyms instead of users and addresses', async () => {
    const timeline = await f.json(`/api/traces/timeline?${yesterday}&trace_rating=incident`, traceTimelineSchema, manager);
    expect(timeline).toMatchObject({ masked: true, detail: 'points' });
    expect(timeline.points.length).toBeGreaterThan(0);
    for (const point of timeline.points) {
      expect(point.user).toMatch(/^(user-[0-9a-f]{8})?$/);
      expect(point.source_ip).toMatch(/^(ip-[0-9a-f]{8})?$/);
    }
    const deletion = timeline.points.find((point) => point.trace_name === 'deleteTracker');
    expect(deletion).toMatchObject({ user: pseudonyms().user('tobias.becker'), source_ip: pseudonyms().ip(NEVER_SEEN_IP) });
    expect(JSON.stringify(timeline)).not.toContain('tobias.becker');
    expect(JSON.stringify(timeline)).not.toContain(NEVER_SEEN_IP);
  });

  it('refuses personal filters in clear, and audits the refusal', async () => {
    for (const filter of ['user=tobias.becker', `source_ip=${NEVER_SEEN_IP}`, 'source_ip=10.0.0.0/8', 'resource_name=bastion', 'text=bastion', 'request_id=abc']) {
      const response = await f.get(`/api/traces/timeline?${yesterday}&${filter}`, manager);
      expect(response.status, filter).toBe(403);
      expect(errorEnvelopeSchema.parse(await response.json()).error.details).toMatchObject({ reason: 'personal_data_filter' });
    }
    const refusal = f.t.state.audit.list({ actions: ['refusedRequest'], limit: 1 }).records[0]!;
    expect(refusal).toMatchObject({ code: '403', resource_name: 'GET /api/traces/timeline' });
  });

  it('filters by stable pseudonyms kept in the data folder', async () => {
    const secretFile = path.join(f.t.dataDir, MASKING_SECRET_FILE);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const user = pseudonyms().user('tobias.becker');
    expect(user).toMatch(/^user-[0-9a-f]{8}$/);
    expect(pseudonyms().user('tobias.becker')).toBe(user);
    const ip = pseudonyms().ip(NEVER_SEEN_IP);

    const byName = await f.json(`/api/traces/timeline?${yesterday}&user=tobias.becker`, traceTimelineSchema);
    const byAlias = await f.json(`/api/traces/timeline?${yesterday}&user=${user}`, traceTimelineSchema, manager);
    expect(byName.total).toBeGreaterThan(0);
    expect(byAlias.total).toBe(byName.total);
    const fromAddress = await f.json(`/api/traces/timeline?${yesterday}&source_ip=${ip}`, traceTimelineSchema, manager);
    expect(fromAddress.total).toBe(2);
    const nobody = await f.json(`/api/traces/timeline?${yesterday}&user=user-00000000`, traceTimelineSchema, manager);
    expect(nobody.total).toBe(0);
    // Analysts may open a link a manager shared.
    const list = await f.json(`/api/traces?${yesterday}&source_ip=${ip}`, traceListSchema);
    expect(list.traces.map((trace) => trace.trace_name)).toEqual(['deleteTracker', 'login']);
  });
});
