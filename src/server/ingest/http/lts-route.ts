/**
 * The LTS "report logs" ingestion API (§1.13 of the LTS reference), so agents and scripts that
 * push to LTS can push to Vigil by changing the host:
 *   POST /v2/{project_id}/lts/groups/{log_group_id}/streams/{log_stream_id}/tenant/contents
 *        {log_time_ns, contents: [string…], labels: {…}}            line i gets log_time_ns + i
 *   POST …/tenant/contents/high-accuracy  {contents: [{log_time_ns, log}…], labels: {…}}
 * The group and stream are Vigil's ids or names (names are created on first use). Success is
 * LTS's body; errors use the same shape with Vigil's own codes, and the same status codes.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ltsName, type LogGroup } from '../../../contract/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { Store } from '../../storage/ports.ts';
import { normalizeRecord, type RawRecord } from '../pipeline/normalize.ts';
import { QueueFullError, type IngestEntry } from '../pipeline/queue.ts';
import { BodyError, readBody } from './body.ts';
import { groupRefusal, ingestTokenOf, isRefusal, rateRefusal, type IngestHttpDeps } from './ingest-auth.ts';

const RECEIVER = 'lts';
const MAX_CONTENTS = 100_000;
// Nanosecond times exceed 2^53, so JSON numbers arrive rounded by up to 256 ns either way: the
// millisecond is taken with that much slack, so 1.7e18 - 100 ns still reads as its millisecond.
const nanos = z.union([z.number().nonnegative().transform((v) => BigInt(Math.floor(v / 1e6 + 0.001)) * 1_000_000n), z.string().regex(/^\d{1,20}$/).transform((v) => BigInt(v))]);
const labels = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));
const plainBody = z.object({
  log_time_ns: nanos,
  contents: z.array(z.string()).max(MAX_CONTENTS),
  labels,
  tenant_project_id: z.string().optional(),
});
const accurateBody = z.object({
  contents: z.array(z.object({ log_time_ns: nanos, log: z.string() })).max(MAX_CONTENTS),
  labels,
  tenant_project_id: z.string().optional(),
});

const PATH = '/v2/:projectId/lts/groups/:groupId/streams/:streamId/tenant/contents';

export function registerLtsIngestRoutes(app: Hono<AppEnv>, deps: IngestHttpDeps & { store: Store }): void {
  app.post(PATH, (c) => receive(c, deps, false));
  app.post(`${PATH}/high-accuracy`, (c) => receive(c, deps, true));
}

const reply = (status: number, errorCode: string, message: string, retryAfter?: number) =>
  Response.json({ errorCode, error_msg: message, result: null }, { status, headers: retryAfter ? { 'retry-after': String(retryAfter) } : {} });

async function receive(c: Context<AppEnv>, deps: IngestHttpDeps & { store: Store }, accurate: boolean): Promise<Response> {
  const metrics = deps.queue.metricsOf(RECEIVER);
  const token = ingestTokenOf(c.req.raw, deps.tokens);
  if (isRefusal(token)) return reply(token.status, 'SVCSTG.ALS.401.100', token.message);
  let parsed: RawRecord[];
  let names: { group: string; stream: string };
  try {
    names = await resolveNames(deps.store, c.req.param('groupId') ?? '', c.req.param('streamId') ?? '');
    const body = await readBody(c.req.raw, deps.maxBodyBytes, deps.maxInflatedBytes);
    parsed = records(JSON.parse(new TextDecoder().decode(body)), accurate);
  } catch (error) {
    if (error instanceof BodyError) return reply(error.status, 'SVCSTG.ALS.400.100', error.message);
    if (error instanceof SyntaxError) return reply(400, 'SVCSTG.ALS.400.101', `invalid JSON: ${error.message}`);
    if (error instanceof z.ZodError) {
      const issue = error.issues[0]!;
      return reply(400, 'SVCSTG.ALS.400.102', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    if (error instanceof NameError) return reply(400, 'SVCSTG.ALS.400.103', error.message);
    throw error;
  }
  metrics.received += parsed.length;
  const refusal = groupRefusal(token, [names.group]) ?? rateRefusal(deps, token, parsed.length);
  if (refusal) {
    metrics.reject(refusal.status === 403 ? 'forbidden_group' : 'rate_limited', parsed.length);
    return reply(refusal.status, refusal.status === 403 ? 'SVCSTG.ALS.403.107' : 'SVCSTG.ALS.429.100', refusal.message, refusal.retryAfter);
  }
  const now = deps.now();
  const entries: IngestEntry[] = parsed.map((record) => ({ ...names, line: normalizeRecord(record, now, metrics) }));
  try {
    await deps.queue.submit(RECEIVER, entries);
  } catch (error) {
    if (error instanceof QueueFullError) return reply(429, 'SVCSTG.ALS.429.101', error.message, error.retryAfterSeconds);
    return reply(503, 'SVCSTG.ALS.503.100', 'the store refused the batch; nothing of it was written; retry later', 5);
  }
  return reply(200, 'SVCSTG.ALS.200.200', 'Report success.');
}

function records(json: unknown, accurate: boolean): RawRecord[] {
  if (accurate) {
    const body = accurateBody.parse(json);
    return body.contents.map((entry) => ({ time: Number(entry.log_time_ns / 1_000_000n), content: entry.log, labels: { category: 'LTS', ...body.labels } }));
  }
  const body = plainBody.parse(json);
  // LTS gives line i the time log_time_ns + i (nanoseconds); in milliseconds they share one.
  const time = Number(body.log_time_ns / 1_000_000n);
  return body.contents.map((content) => ({ time, content, labels: { category: 'LTS', ...body.labels } }));
}

class NameError extends Error {}

// Agents push many small requests: the group list (ids to names) is reused for a second.
const groupLists = new WeakMap<Store, { at: number; groups: Promise<LogGroup[]> }>();

function listGroups(store: Store, fresh: boolean): Promise<LogGroup[]> {
  const cached = groupLists.get(store);
  if (!fresh && cached && Date.now() - cached.at < 1_000) return cached.groups;
  const groups = store.logs.listGroups();
  groupLists.set(store, { at: Date.now(), groups });
  groups.catch(() => groupLists.delete(store));
  return groups;
}

/** The path names a group and stream by Vigil's id (as LTS does) or by name. */
async function resolveNames(store: Store, groupRef: string, streamRef: string): Promise<{ group: string; stream: string }> {
  const find = (groups: LogGroup[]) => groups.find((g) => g.log_group_id === groupRef) ?? groups.find((g) => g.log_group_name === groupRef);
  let group = find(await listGroups(store, false));
  let stream = group?.log_streams.find((s) => s.log_stream_id === streamRef) ?? group?.log_streams.find((s) => s.log_stream_name === streamRef);
  if (!group || !stream) {
    // Not in the reused list: it may have been created since; ask the store itself.
    group = find(await listGroups(store, true));
    stream = group?.log_streams.find((s) => s.log_stream_id === streamRef) ?? group?.log_streams.find((s) => s.log_stream_name === streamRef);
  }
  const groupName = group?.log_group_name ?? groupRef;
  const streamName = stream?.log_stream_name ?? streamRef;
  for (const [what, name] of [['log group', groupName], ['log stream', streamName]] as const) {
    if (!ltsName.safeParse(name).success) throw new NameError(`unknown ${what} id and invalid ${what} name ${JSON.stringify(name.slice(0, 80))}`);
  }
  return { group: groupName, stream: streamName };
}
