/**
 * OTLP/HTTP logs receiver, POST /v1/logs on Vigil's own port: protobuf or JSON, optionally
 * gzipped. It answers 200 only after every line of the request is committed; 429 with
 * Retry-After when the queue is full or the token is over its rate (OTLP exporters retry on
 * both); 400/401/403/413/415 refuse the whole request, so a request is written whole or not at all.
 */
import type { Context, Hono } from 'hono';
import { ltsName } from '../../../contract/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { decodeLogsJson } from '../otlp/decode-json.ts';
import { decodeLogsProto } from '../otlp/decode-proto.ts';
import { OtlpDecodeError, type OtlpResourceLogs } from '../otlp/model.ts';
import { otlpLines } from '../otlp/to-lines.ts';
import { normalizeRecord } from '../pipeline/normalize.ts';
import { QueueFullError, type IngestEntry } from '../pipeline/queue.ts';
import { safeName } from '../pipeline/streams.ts';
import { BodyError, readBody } from './body.ts';
import { groupRefusal, ingestTokenOf, isRefusal, rateRefusal, type IngestHttpDeps, type Refusal } from './ingest-auth.ts';

const RECEIVER = 'otlp';
const textDecoder = new TextDecoder('utf-8', { fatal: false });

export function registerOtlpRoute(app: Hono<AppEnv>, deps: IngestHttpDeps): void {
  app.post('/v1/logs', (c) => receive(c, deps));
}

async function receive(c: Context<AppEnv>, deps: IngestHttpDeps): Promise<Response> {
  const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const proto = contentType === 'application/x-protobuf' || contentType === 'application/protobuf';
  const reply = (status: number, message: string, retryAfter?: number) => failure(status, message, proto, retryAfter);
  if (!proto && contentType !== 'application/json') {
    return reply(415, 'Content-Type must be application/x-protobuf or application/json');
  }
  const metrics = deps.queue.metricsOf(RECEIVER);
  const token = ingestTokenOf(c.req.raw, deps.tokens);
  if (isRefusal(token)) return refuse(token, reply);

  let resources: OtlpResourceLogs[];
  try {
    const body = await readBody(c.req.raw, deps.maxBodyBytes, deps.maxInflatedBytes);
    resources = proto ? decodeLogsProto(body) : decodeLogsJson(textDecoder.decode(body));
  } catch (error) {
    if (error instanceof BodyError) return reply(error.status, error.message);
    if (error instanceof OtlpDecodeError) return reply(400, error.message);
    throw error;
  }
  const lines = otlpLines(resources);
  metrics.received += lines.length;
  const headerGroup = c.req.header('x-vigil-log-group');
  const headerStream = c.req.header('x-vigil-log-stream');
  const receivedAt = deps.now();
  const entries: IngestEntry[] = [];
  const groups = new Set<string>();
  for (const line of lines) {
    const group = line.group ?? headerGroup ?? (token.groups.length === 1 ? token.groups[0]! : null);
    if (group === null) {
      metrics.reject('invalid_request', lines.length);
      return reply(400, 'name the log group: resource attribute vigil.log_group or header X-Vigil-Log-Group (the token allows several)');
    }
    const stream = line.stream ?? headerStream ?? safeName(line.service ?? '', 'otlp');
    for (const [what, name] of [['log group', group], ['log stream', stream]] as const) {
      if (!ltsName.safeParse(name).success) {
        metrics.reject('invalid_request', lines.length);
        return reply(400, `invalid ${what} name ${JSON.stringify(name.slice(0, 80))}`);
      }
    }
    groups.add(group);
    entries.push({ group, stream, line: normalizeRecord(line.record, receivedAt, metrics) });
  }
  const refusal = groupRefusal(token, groups) ?? rateRefusal(deps, token, entries.length);
  if (refusal) {
    metrics.reject(refusal.status === 403 ? 'forbidden_group' : 'rate_limited', entries.length);
    return refuse(refusal, reply);
  }
  try {
    await deps.queue.submit(RECEIVER, entries);
  } catch (error) {
    if (error instanceof QueueFullError) return reply(429, error.message, error.retryAfterSeconds);
    return reply(503, 'the store refused the batch; nothing of it was written; retry later', 5);
  }
  return proto
    ? new Response(new Uint8Array(0), { status: 200, headers: { 'content-type': 'application/x-protobuf' } })
    : Response.json({}, { status: 200 });
}

function refuse(refusal: Refusal, reply: (status: number, message: string, retryAfter?: number) => Response): Response {
  return reply(refusal.status, refusal.message, refusal.retryAfter);
}

/** OTLP errors carry a google.rpc.Status; for JSON as {code, message}, for protobuf as text. */
function failure(status: number, message: string, proto: boolean, retryAfter?: number): Response {
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (proto) {
    return new Response(encodeStatus(status, message), { status, headers: { ...headers, 'content-type': 'application/x-protobuf' } });
  }
  return Response.json({ code: grpcCode(status), message }, { status, headers });
}

function grpcCode(status: number): number {
  if (status === 400 || status === 413 || status === 415) return 3; // INVALID_ARGUMENT
  if (status === 401) return 16; // UNAUTHENTICATED
  if (status === 403) return 7; // PERMISSION_DENIED
  if (status === 429) return 8; // RESOURCE_EXHAUSTED
  return 14; // UNAVAILABLE
}

/** google.rpc.Status { int32 code = 1; string message = 2; } */
function encodeStatus(status: number, message: string): Uint8Array {
  const text = Buffer.from(message, 'utf8');
  const length: number[] = [];
  let n = text.length;
  do {
    length.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return Buffer.concat([Buffer.from([0x08, grpcCode(status), 0x12, ...length]), text]);
}
