import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestTestApp, searchLines, type IngestTestApp } from '../testing.ts';

let t: IngestTestApp;
let token: string;

beforeAll(async () => {
  t = await createIngestTestApp({ ratePerToken: 50 });
  token = t.state.ingestTokens.create({ name: 'agent', groups: ['ecs-prod'], days: 1 }, 'test').secret;
});
afterAll(async () => t.close());

const path = '/v2/0123456789abcdef0123456789abcdef/lts/groups/ecs-prod/streams/agent/tenant/contents';
const post = (url: string, body: unknown, secret = token) =>
  fetch(`${t.origin}${url}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json;charset=UTF-8', 'x-auth-token': secret } });

describe('LTS ingestion API compatibility', () => {
  it('reports logs as LTS documents it and answers with LTS success body', async () => {
    const ns = BigInt(Date.now()) * 1_000_000n;
    const response = await post(path, { log_time_ns: ns.toString(), contents: ['lts-agent first', 'lts-agent second'], labels: { hostName: 'ecs-a', pathFile: '/var/log/app.log' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errorCode: 'SVCSTG.ALS.200.200', error_msg: 'Report success.', result: null });
    const lines = await searchLines(t, 'lts-agent');
    expect(lines.map((l) => l.content)).toEqual(['lts-agent first', 'lts-agent second']);
    expect(lines[0]).toMatchObject({ group: 'ecs-prod', stream: 'agent', labels: { hostName: 'ecs-a', pathFile: '/var/log/app.log' } });
    expect(lines[0]!.time).toBe(Number(ns / 1_000_000n));
  });

  it('takes the high-accuracy form with a time per line, addressed by the stream ids Vigil shows', async () => {
    const groups = (await (await t.app.request('/api/log-groups', { headers: { authorization: `Bearer ${t.readToken}` } })).json()) as { log_groups: { log_group_id: string; log_group_name: string; log_streams: { log_stream_id: string }[] }[] };
    const group = groups.log_groups.find((g) => g.log_group_name === 'ecs-prod')!;
    const byId = `/v2/p/lts/groups/${group.log_group_id}/streams/${group.log_streams[0]!.log_stream_id}/tenant/contents/high-accuracy`;
    const t0 = Date.now() - 5_000;
    const response = await post(byId, { contents: [{ log_time_ns: t0 * 1_000_000, log: 'precise one' }, { log_time_ns: `${(t0 + 7) * 1_000_000}`, log: 'precise two' }], labels: {} });
    expect(response.status).toBe(200);
    const lines = await searchLines(t, 'precise');
    expect(lines.map((l) => [l.content, l.time, l.stream])).toEqual([['precise one', t0, 'agent'], ['precise two', t0 + 7, 'agent']]);
  });

  it('refuses bad bodies with the field, other groups with 403, and a sender over its rate with 429 Retry-After', async () => {
    const bad = await post(path, { log_time_ns: 'soon', contents: ['x'], labels: {} });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error_msg: string }).error_msg).toMatch(/^log_time_ns/);
    const other = await post(path.replace('ecs-prod', 'network'), { log_time_ns: 1, contents: ['x'], labels: {} });
    expect(other.status).toBe(403);
    // The token's bucket holds 100 lines (2 s at 50 lines/s); the first tests used 4.
    const now = Date.now() * 1_000_000;
    const burst = await post(path, { log_time_ns: now, contents: Array.from({ length: 90 }, (_, i) => `burst ${i}`), labels: {} });
    expect(burst.status).toBe(200);
    const over = await post(path, { log_time_ns: now, contents: Array.from({ length: 60 }, () => 'over the limit'), labels: {} });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await searchLines(t, 'burst')).length).toBe(90);
    expect(await searchLines(t, '"over the limit"')).toEqual([]);
    expect(t.ingest.queue.status().receivers.find((r) => r.name === 'lts')!.rejected).toMatchObject({ rate_limited: 60, forbidden_group: 1 });
  });
});
