import { SeverityNumber } from '@opentelemetry/api';
import { OTLPLogExporter as JsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestTestApp, searchLines, type IngestTestApp } from '../testing.ts';

let t: IngestTestApp;
let token: string;

beforeAll(async () => {
  t = await createIngestTestApp();
  token = t.state.ingestTokens.create({ name: 'otel', groups: ['apps'], days: 1 }, 'test').secret;
});
afterAll(async () => t.close());

/** Sends records through the OpenTelemetry JS SDK's exporter, as an instrumented service would. */
async function sendWithSdk(exporter: LogRecordExporter, service: string, bodies: string[]): Promise<void> {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'host.name': 'web-1', 'deployment.environment': 'prod' }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('checkout-module', '1.2.3');
  for (const body of bodies) {
    logger.emit({ severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', body, attributes: { 'order.id': 42, 'http.route': '/pay' } });
  }
  await provider.forceFlush();
  await provider.shutdown();
}

const post = (body: string | Uint8Array, headers: Record<string, string>) => fetch(`${t.origin}/v1/logs`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, ...headers } });

describe('OTLP/HTTP logs receiver', () => {
  it('takes records from the SDK exporter (JSON) and makes them searchable with attributes as labels', async () => {
    await sendWithSdk(new JsonExporter({ url: `${t.origin}/v1/logs`, headers: { Authorization: `Bearer ${token}` } }), 'checkout', ['payment declined for card ending 4242']);
    const [line] = await searchLines(t, '"payment declined"');
    expect(line).toMatchObject({ content: 'payment declined for card ending 4242', group: 'apps', stream: 'checkout' });
    expect(line!.labels).toMatchObject({ appName: 'checkout', hostName: 'web-1', level: 'ERROR', 'order.id': '42', 'http.route': '/pay', 'otel.scope': 'checkout-module', 'deployment.environment': 'prod' });
    expect(Math.abs(line!.time - Date.now())).toBeLessThan(60_000);
  });

  it('takes the protobuf encoding from the SDK exporter, gzipped', async () => {
    await sendWithSdk(new ProtoExporter({ url: `${t.origin}/v1/logs`, headers: { Authorization: `Bearer ${token}` }, compression: 'gzip' as never }), 'billing', ['invoice 7 generated', 'invoice 8 generated']);
    const lines = await searchLines(t, 'invoice AND generated');
    expect(lines.map((l) => l.content)).toEqual(['invoice 7 generated', 'invoice 8 generated']);
    expect(lines[0]).toMatchObject({ stream: 'billing', labels: { appName: 'billing', level: 'ERROR', 'order.id': '42' } });
  });

  it('acknowledges only committed lines: the 200 comes after the lines are searchable', async () => {
    const body = JSON.stringify({ resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'acks' } }] }, scopeLogs: [{ logRecords: Array.from({ length: 300 }, (_, i) => ({ body: { stringValue: `ack-check ${i}` } })) }] }] });
    const response = await post(gzipSync(body), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect((await searchLines(t, 'ack-check')).length).toBe(300);
  });

  it('refuses a whole request naming a group the token may not write to, and a missing or wrong token', async () => {
    const body = JSON.stringify({ resourceLogs: [{ resource: { attributes: [{ key: 'vigil.log_group', value: { stringValue: 'secrets' } }] }, scopeLogs: [{ logRecords: [{ body: { stringValue: 'sneaky-line' } }] }] }] });
    const forbidden = await post(body, { 'content-type': 'application/json' });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { message: string }).message).toContain('may not write to log group "secrets"');
    const noToken = await fetch(`${t.origin}/v1/logs`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(noToken.status).toBe(401);
    const readToken = await fetch(`${t.origin}/v1/logs`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${t.readToken}` } });
    expect(readToken.status).toBe(401);
    expect(await searchLines(t, 'sneaky-line')).toEqual([]);
  });

  it('answers 400 with the position for broken bodies, 415 for other types, 413 for gzip bombs', async () => {
    const broken = await post('{"resourceLogs": [', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).toMatch(/invalid JSON/);
    const proto = await post(new Uint8Array([0x0a, 0x05, 0x12]), { 'content-type': 'application/x-protobuf' });
    expect(proto.status).toBe(400);
    expect((await post('x', { 'content-type': 'text/plain' })).status).toBe(415);
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect((await post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status).toBe(413);
  });

  it('keeps invalid UTF-8 with replacement characters, cuts over-long bodies visibly, flags far-future times', async () => {
    const future = (BigInt(Date.now() + 10 * 86_400_000) * 1_000_000n).toString();
    const json = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [
      { body: { stringValue: `long-body ${'y'.repeat(15_000)}` } },
      { timeUnixNano: future, body: { stringValue: 'from-the-future' } },
    ] }] }] });
    const raw = Buffer.concat([Buffer.from(json.replace('from-the-future', 'from-the-future BAD:')), Buffer.alloc(0)]);
    const withBadByte = Buffer.from(raw.toString('utf8').replace('BAD:', 'BAD:\u0000'));
    withBadByte[withBadByte.indexOf(0)] = 0xff; // an invalid UTF-8 byte inside the string
    expect((await post(withBadByte, { 'content-type': 'application/json' })).status).toBe(200);
    const [long] = await searchLines(t, 'long-body');
    expect(long!.content.length).toBe(10_000);
    expect(long!.content).toMatch(/\[truncated by Vigil: original length 15010 characters\]$/);
    const [future1] = await searchLines(t, 'from-the-future');
    expect(future1!.content).toBe('from-the-future BAD:\uFFFD');
    expect(future1!.labels.claimedTime).toBe(new Date(Number(BigInt(future) / 1_000_000n)).toISOString());
    expect(future1!.time).toBeLessThanOrEqual(Date.now());
    const status = t.ingest.queue.status().receivers.find((r) => r.name === 'otlp')!;
    expect(status.truncated).toBeGreaterThanOrEqual(1);
    expect(status.futureTimes).toBeGreaterThanOrEqual(1);
  });
});
