/**
 * Loads the demo tenant into a store through the storage ports: groups and streams first, then
 * the generated batches, one transaction each.
 */
import { ctsTraceSchema } from '../../contract/index.ts';
import { silentLogger, type Logger } from '../logger.ts';
import type { Store } from '../storage/ports.ts';
import { generateDemoData, planDemoData, type DemoBatch, type DemoPlan } from './generate.ts';
import type { DemoScenario } from './scenarios.ts';
import { GROUPS, STREAMS, CTS_GROUP, CTS_STREAM } from './topology.ts';

export const DEFAULT_LINES = 250_000;
export const DEFAULT_DAYS = 30;
export const DEFAULT_SEED = 1;

export interface SeedOptions {
  days?: number;
  lines?: number;
  seed?: number;
  /** End of the data (epoch ms). Default: the current time rounded down to the minute. */
  now?: number;
  logger?: Logger;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  lines: number;
  traces: number;
  totalLines: number;
  totalTraces: number;
  elapsedMs: number;
}

export interface SeedSummary {
  seed: number;
  days: number;
  from: number;
  to: number;
  groups: number;
  streams: number;
  lines: number;
  traces: number;
  durationMs: number;
  perStream: { group: string; stream: string; lines: number }[];
  scenarios: DemoScenario[];
}

/** Thrown when the store already holds data: seeding twice would duplicate every line. */
export class StoreNotEmptyError extends Error {
  readonly counts: { lines: number; traces: number };
  constructor(counts: { lines: number; traces: number }) {
    super(`the store already holds ${counts.lines} log lines and ${counts.traces} traces; seed into an empty data directory`);
    this.name = 'StoreNotEmptyError';
    this.counts = counts;
  }
}

export function currentMinute(): number {
  return Math.floor(Date.now() / 60_000) * 60_000;
}

export async function seedDemoData(store: Store, options: SeedOptions = {}): Promise<SeedSummary> {
  const logger = options.logger ?? silentLogger;
  const plan = planDemoData({
    days: options.days ?? DEFAULT_DAYS,
    lines: options.lines ?? DEFAULT_LINES,
    seed: options.seed ?? DEFAULT_SEED,
    now: options.now ?? currentMinute(),
  });
  const counts = await store.counts();
  if (counts.lines > 0 || counts.traces > 0) throw new StoreNotEmptyError(counts);

  const started = performance.now();
  const streamIds = await createGroupsAndStreams(store, logger);
  const written = new Map<string, number>();
  let lines = 0;
  let traces = 0;
  const write = async (batch: DemoBatch): Promise<void> => {
    if (batch.kind === 'lines') {
      const key = `${batch.group}/${batch.stream}`;
      const streamId = streamIds.get(key);
      if (!streamId) throw new Error(`no stream id for ${key}`);
      const result = await store.logs.appendLines(streamId, batch.lines);
      lines += result.written;
      written.set(key, (written.get(key) ?? 0) + result.written);
    } else {
      const result = await store.traces.appendTraces(batch.traces);
      if (result.duplicates.length > 0) logger.warn('seed: duplicate trace ids skipped', { count: result.duplicates.length });
      traces += result.inserted;
    }
    report();
  };
  const report = () =>
    options.onProgress?.({ lines, traces, totalLines: plan.options.lines, totalTraces: plan.traces, elapsedMs: Math.round(performance.now() - started) });

  // One write in flight while the next batch is generated: the store works in its own thread,
  // so generation hides behind it. Waiting before the next write keeps batches in order and
  // stops at the first failure.
  let inFlight: Promise<void> = Promise.resolve();
  for (const batch of generateDemoData(plan)) {
    if (batch.kind === 'traces') {
      // The generator is ours, but the store trusts its input: check every trace before it lands.
      for (const trace of batch.traces) ctsTraceSchema.parse(trace);
    }
    await inFlight;
    inFlight = write(batch);
    // Marks the rejection as handled until the await above picks it up on the next turn.
    inFlight.catch(() => {});
  }
  await inFlight;

  const summary = summarize(plan, written, lines, traces, Math.round(performance.now() - started));
  logger.info('seed: demo data loaded', { lines, traces, durationMs: summary.durationMs, seed: plan.options.seed });
  return summary;
}

async function createGroupsAndStreams(store: Store, logger: Logger): Promise<Map<string, string>> {
  const groupIds = new Map<string, string>();
  for (const group of GROUPS) {
    const result = await store.logs.ensureGroup({ name: group.name, ttlInDays: group.ttlInDays, tags: group.tags });
    if (!result.created && result.ttlInDays !== group.ttlInDays) {
      logger.warn('seed: existing group keeps its retention', { group: group.name, ttlInDays: result.ttlInDays });
    }
    groupIds.set(group.name, result.id);
  }
  const streamIds = new Map<string, string>();
  const streams = [...STREAMS.map((s) => ({ group: s.group, name: s.name, ttl: s.ttlInDays })), { group: CTS_GROUP, name: CTS_STREAM, ttl: undefined }];
  for (const stream of streams) {
    const groupId = groupIds.get(stream.group);
    if (!groupId) throw new Error(`stream ${stream.name} names unknown group ${stream.group}`);
    const result = await store.logs.ensureStream({ groupId, name: stream.name, ttlInDays: stream.ttl ?? null });
    streamIds.set(`${stream.group}/${stream.name}`, result.id);
  }
  return streamIds;
}

function summarize(plan: DemoPlan, written: Map<string, number>, lines: number, traces: number, durationMs: number): SeedSummary {
  return {
    seed: plan.options.seed,
    days: plan.options.days,
    from: Math.min(...plan.streams.map((s) => s.from)),
    to: plan.options.now,
    groups: GROUPS.length,
    streams: plan.streams.length,
    lines,
    traces,
    durationMs,
    perStream: plan.streams.map((s) => ({ group: s.group, stream: s.stream, lines: written.get(`${s.group}/${s.stream}`) ?? 0 })),
    scenarios: plan.scenarios,
  };
}
