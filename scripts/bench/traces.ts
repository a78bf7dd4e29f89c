/**
 * Audit-trail latency through the HTTP API, in process (`app.request`, real auth, contract
 * validation, store workers), over N generated CTS traces spread over 30 days (500 users with
 * Zipf-distributed activity, see trace-generator.ts). Ingest goes through the store port. The
 * first timeline call builds the reader's in-memory trace columns and is reported on its own;
 * every case then runs once to warm up and RUNS times for p50/p95.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DB_FILE } from '../../src/server/storage/embedded/store.ts';
import type { TraceAppendResult } from '../../src/server/storage/ports.ts';
import { createTestApp } from '../../src/server/testing/test-app.ts';
import { createTraceGenerator } from './trace-generator.ts';

export interface TraceBenchOptions {
  traces: number;
  runs: number;
  seed: number;
  log: (message: string) => void;
}

export interface TraceMeasurement {
  name: string;
  path: string;
  p50Ms: number;
  p95Ms: number;
  result: string;
}

export interface TraceBenchResult {
  traces: number;
  ingestSeconds: number;
  tracesPerSecond: number;
  mbPerMillionTraces: number;
  /** The first timeline call, which loads the trace columns into the reader's memory. */
  firstTimelineMs: number;
  runs: number;
  targetP95Ms: number;
  queries: TraceMeasurement[];
}

const DAY = 86_400_000;
const BATCH = 5_000;
const TARGET_P95_MS = 150;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function describeResponse(body: Record<string, unknown>): string {
  const parts: string[] = [];
  if (Array.isArray(body.traces)) {
    parts.push(`${body.traces.length} traces`);
    const signals = (body.traces as { signals: unknown[] }[]).reduce((sum, trace) => sum + trace.signals.length, 0);
    parts.push(`${signals} signals`);
  }
  if (Array.isArray(body.buckets)) parts.push(`${body.buckets.length} buckets, ${String(body.detail)}`);
  if (typeof body.total === 'number') parts.push(`total ${body.total}`);
  if (body.facets && typeof body.facets === 'object') {
    const users = (body.facets as { user: { distinct: number } }).user;
    parts.push(`${users.distinct} distinct users`);
  }
  if (body.trace) parts.push(`detail, ${(body.signals as unknown[]).length} signals`);
  if (typeof body.complete === 'boolean') parts.push(body.complete ? 'complete' : 'more pages');
  return parts.join(', ');
}

async function fileSize(path: string): Promise<number> {
  return stat(path).then((info) => info.size, () => 0);
}

export async function runTraceBench(options: TraceBenchOptions): Promise<TraceBenchResult> {
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const t = await createTestApp({ now: () => now });
  try {
    options.log(`ingesting ${options.traces.toLocaleString('en')} traces over 30 days…`);
    const generator = createTraceGenerator(options.seed, now - 30 * DAY, now, options.traces);
    const started = performance.now();
    let inFlight: Promise<TraceAppendResult> | null = null;
    for (let batch = generator.batch(BATCH); batch.length > 0; batch = generator.batch(BATCH)) {
      // One batch in flight while the next is generated.
      if (inFlight) await inFlight;
      inFlight = t.store.traces.appendTraces(batch);
    }
    if (inFlight) await inFlight;
    const ingestSeconds = (performance.now() - started) / 1000;
    const stored = (await t.store.counts()).traces;
    if (stored !== options.traces) throw new Error(`expected ${options.traces} traces stored, found ${stored}`);
    const dbPath = join(t.dataDir, DB_FILE);
    const bytes = (await fileSize(dbPath)) + (await fileSize(`${dbPath}-wal`));

    const { secret } = t.state.tokens.create({ name: 'bench', role: 'analyst', expiresInDays: 1 }, 'bench');
    const get = async (path: string) => {
      const response = await t.app.request(path, { headers: { authorization: `Bearer ${secret}` } });
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
      return body;
    };
    const month = `from=${now - 30 * DAY}&to=${now}`;
    const week = `from=${now - 7 * DAY}&to=${now}`;
    const busiest = generator.users[0]!;
    const tenth = generator.users[9]!;
    const rare = generator.users[299]!;
    const q = encodeURIComponent;

    const firstStarted = performance.now();
    await get(`/api/traces/timeline?${month}`);
    const firstTimelineMs = performance.now() - firstStarted;

    const page2 = (await get(`/api/traces?${month}&limit=50`)).cursor as string;
    const page = (await get(`/api/traces?${month}&limit=50&cursor=${page2}`)).traces as { trace_id: string }[];
    const pageIds = page.map((trace) => trace.trace_id);
    const oneId = pageIds[0]!;

    const cases: { name: string; path: string; run?: () => Promise<unknown> }[] = [
      { name: 'list user + rating, 30d, newest 50 (busiest user)', path: `/api/traces?${month}&user=${q(busiest.name)}&trace_rating=warning&limit=50` },
      { name: 'list user + rating, 30d, newest 50 (10th user)', path: `/api/traces?${month}&user=${q(tenth.name)}&trace_rating=normal&limit=50` },
      { name: 'list user + rating, 30d, newest 50 (300th user)', path: `/api/traces?${month}&user=${q(rare.name)}&trace_rating=normal&limit=50` },
      { name: 'list unfiltered, 30d, page 2 by cursor', path: `/api/traces?${month}&limit=50&cursor=${page2}` },
      { name: 'list operation + 5xx, 30d', path: `/api/traces?${month}&trace_name=deleteKey&code=5xx&limit=50` },
      { name: 'list network 10.0.0.0/8, 30d', path: `/api/traces?${month}&source_ip=${q('10.0.0.0/8')}&limit=50` },
      { name: 'signals for a page of 50 (store port)', path: '(traceSignals)', run: () => t.store.traces.traceSignals(pageIds) },
      { name: 'trace detail', path: `/api/traces/${oneId}` },
      { name: 'timeline, all traces, 30d', path: `/api/traces/timeline?${month}` },
      { name: 'timeline, service IAM + incident, 30d', path: `/api/traces/timeline?${month}&service_type=IAM&trace_rating=incident` },
      { name: 'facets, all traces, 7d', path: `/api/traces/facets?${week}` },
      { name: 'facets, busiest user, 7d', path: `/api/traces/facets?${week}&user=${q(busiest.name)}` },
    ];

    const queries: TraceMeasurement[] = [];
    for (const entry of cases) {
      options.log(`  ${entry.name}`);
      let body: Record<string, unknown> = {};
      const times: number[] = [];
      for (let run = 0; run <= options.runs; run++) {
        const runStarted = performance.now();
        if (entry.run) {
          const signals = (await entry.run()) as Record<string, unknown[]>;
          body = { signals: Object.values(signals).flat().length };
        } else body = await get(entry.path);
        if (run > 0) times.push(performance.now() - runStarted);
      }
      times.sort((a, b) => a - b);
      const result = entry.run ? `${String(body.signals)} signals for ${pageIds.length} traces` : describeResponse(body);
      queries.push({ name: entry.name, path: entry.path, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), result });
    }
    return {
      traces: stored,
      ingestSeconds,
      tracesPerSecond: stored / ingestSeconds,
      mbPerMillionTraces: (bytes / 1e6) * (1_000_000 / stored),
      firstTimelineMs,
      runs: options.runs,
      targetP95Ms: TARGET_P95_MS,
      queries,
    };
  } finally {
    await t.close();
  }
}
