// Live tail through the real HTTP pipeline: new matching lines arrive as events with their ids,
// heartbeats while idle, resuming after Last-Event-ID, and the per-user cap answered with a 429.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

let t: TestApp;
let streamId = '';

beforeAll(async () => {
  t = await createTestApp({ tailTiming: { pollMs: 30, heartbeatMs: 250 } });
  const group = await t.store.logs.ensureGroup({ name: 'tail', ttlInDays: 7 });
  streamId = (await t.store.logs.ensureStream({ groupId: group.id, name: 'app' })).id;
});
afterAll(() => t.close());

async function tail(sub: string, query = 'q=tailme', extra: Record<string, string> = {}): Promise<Response> {
  const headers = await dpopHeaders(t.issuer, 'GET', '/api/logs/tail', { sub, roles: ['analyst'] });
  return t.app.request(`/api/logs/tail?${query}`, { headers: { ...headers, ...extra } });
}

/** Reads the stream until `enough` says the text so far suffices (or 5 s pass). */
async function readUntil(response: Response, enough: (text: string) => boolean): Promise<{ text: string; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 5_000;
  while (!enough(text) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}

function lineEvents(text: string): { id: string; data: { id: string; content: string; highlights: unknown[] } }[] {
  return text
    .split('\n\n')
    .filter((block) => block.includes('event: line'))
    .map((block) => ({
      id: /^id: (.*)$/m.exec(block)![1]!,
      data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as { id: string; content: string; highlights: unknown[] },
    }));
}

const append = (contents: string[]) =>
  t.store.logs.appendLines(
    streamId,
    contents.map((content, i) => ({ time: Date.now() + i, content, labels: {} })),
  );

describe('GET /api/logs/tail', () => {
  it('sends new matching lines as events with their ids, and heartbeats while idle', async () => {
    const response = await tail('u-first');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const opened = await readUntil(response, (text) => text.includes(': following'));
    expect(opened.text).toContain('retry: 3000');
    await append(['tailme one', 'not this', 'tailme two']);
    let text = '';
    const decoder = new TextDecoder();
    while (lineEvents(text).length < 2 || !text.includes(': heartbeat')) {
      const { value, done } = await opened.reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const events = lineEvents(text);
    expect(events.map((e) => e.data.content)).toEqual(['tailme one', 'tailme two']);
    expect(events[0]!.id).toMatch(/^\d{19}$/);
    expect(events[0]!.data.id).toBe(events[0]!.id);
    expect(events[0]!.data.highlights).toEqual([{ start: 0, end: 6 }]);
    await opened.reader.cancel();
  });

  it('resumes after Last-Event-ID without repeating or skipping a line', async () => {
    const written = await append(['tailme resume-a', 'tailme resume-b', 'tailme resume-c']);
    const first = written.firstLineNum!;
    const response = await tail('u-resume', 'q=resume', { 'last-event-id': first });
    const { text, reader } = await readUntil(response, (so) => lineEvents(so).length >= 2);
    expect(lineEvents(text).map((e) => e.data.content)).toEqual(['tailme resume-b', 'tailme resume-c']);
    await reader.cancel();
  });

  it('says so when the resume point no longer exists', async () => {
    const response = await tail('u-lost', 'q=tailme', { 'last-event-id': '0000000000000000001' });
    const { text, reader } = await readUntil(response, (so) => so.includes('event: notice'));
    expect(text).toContain('no longer exists');
    await reader.cancel();
  });

  it('allows three tails per user; the fourth is a 429 that says why, and a closed one frees its slot', async () => {
    const open = [await tail('u-cap'), await tail('u-cap'), await tail('u-cap')];
    expect(open.map((r) => r.status)).toEqual([200, 200, 200]);
    const refused = await tail('u-cap');
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toContain('3 live tails open');
    // Someone else is not affected.
    const other = await tail('u-other');
    expect(other.status).toBe(200);
    await other.body!.cancel();

    await open[0]!.body!.cancel();
    const again = await tail('u-cap');
    expect(again.status).toBe(200);
    await Promise.all([again, open[1]!, open[2]!].map((r) => r.body!.cancel()));
  });

  it('audits the tail with its query', async () => {
    const response = await tail('u-audit', 'q=audited');
    await response.body!.cancel();
    const record = t.state.audit.list({ limit: 1, actions: ['tailLogs'] }).records[0]!;
    expect(JSON.parse(record.request)).toMatchObject({ q: 'audited' });
  });

  it('follows streams of the group created after the tail started', async () => {
    const response = await tail('u-later', 'q=latecomer&group=tail');
    expect(response.status).toBe(200);
    const opened = await readUntil(response, (text) => text.includes(': following'));
    const group = await t.store.logs.ensureGroup({ name: 'tail', ttlInDays: 7 });
    const fresh = await t.store.logs.ensureStream({ groupId: group.id, name: `new-${Date.now()}` });
    await t.store.logs.appendLines(fresh.id, [{ time: Date.now(), content: 'latecomer arrives', labels: {} }]);
    const decoder = new TextDecoder();
    let text = opened.text;
    const deadline = Date.now() + 5_000;
    while (!text.includes('latecomer arrives') && Date.now() < deadline) {
      const { value, done } = await opened.reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    await opened.reader.cancel();
    expect(lineEvents(text).map((e) => e.data.content)).toEqual(['latecomer arrives']);
  });
});
