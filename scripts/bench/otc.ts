/**
 * The OTC adapter against two simulated regions (test infrastructure built from the API docs, on
 * loopback, read quotas lifted): search latency through the adapter (first page over every
 * stream, no cache), the adapter's own cost per request (AK/SK signing plus query translation),
 * and calls per search compared with the naive approach (read every line of every stream in the
 * window, 5,000 per call, and filter in Vigil).
 */
import { parseSearchQuery } from '../../src/server/search/scope.ts';
import { compileKeywords } from '../../src/server/storage/otc/keywords.ts';
import { signRequest } from '../../src/server/storage/otc/signing.ts';
import { SIM_IAM_USER, startSimPair } from '../../src/server/storage/otc/testing/sim-pair.ts';
import { DEFAULT_SIM_AK, DEFAULT_SIM_SK } from '../../src/server/testing/otc-sim/start.ts';

export interface OtcBenchQuery {
  name: string;
  p50Ms: number;
  p95Ms: number;
  callsPerPage: number;
  naiveCalls: number;
  lines: number;
  localFilter: boolean;
}

export interface OtcBenchResult {
  lines: number;
  runs: number;
  signingAndTranslationUs: number;
  queries: OtcBenchQuery[];
  /** Counting every stream's lines in one region (background, on the first listing). */
  lineCounts: { streams: number; calls: number; ms: number };
  /** The first query again with IAM token authentication instead of AK/SK signatures. */
  token: { p50Ms: number; p95Ms: number; tokensIssued: number };
}

const QUERIES = ['"Failed password"', 'level:ERROR AND timeout', 'status>=500', '/sudo.*bash/'];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

export async function runOtcBench(options: { lines: number; runs: number; log: (m: string) => void }): Promise<OtcBenchResult> {
  options.log(`OTC bench: seeding two simulated regions with ${options.lines.toLocaleString('en')} lines…`);
  // The simulators also issue IAM tokens, so both ways of authenticating run against the same data.
  const pair = await startSimPair({ lines: options.lines, days: 30, iam: SIM_IAM_USER });
  // The simulator scans in memory; under load a filtered read of 2,000 rows can take seconds.
  const store = pair.open({ config: { ...pair.config, timeoutMs: 30_000, auth: { kind: 'aksk', credentials: { ak: DEFAULT_SIM_AK, sk: DEFAULT_SIM_SK } } } });
  const tenant = pair.primary.tenant;
  const now = Date.now();
  const from = now - 7 * 86_400_000;
  const to = now + 60_000;

  // The adapter's own work per LTS call: translate the query, sign the request.
  const iterations = 5000;
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const compiled = compileKeywords(parseSearchQuery(QUERIES[i % QUERIES.length]!));
    const body = JSON.stringify({ start_time: String(from), end_time: String(to), keywords: compiled.keywords, is_desc: true, search_type: 'init', limit: 500 });
    signRequest({ method: 'POST', url: `${pair.primary.url}/v2/${pair.primary.projectId}/groups/g/streams/s/content/query`, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body }, { ak: DEFAULT_SIM_AK, sk: DEFAULT_SIM_SK }, new Date());
  }
  const signingAndTranslationUs = ((performance.now() - started) * 1000) / iterations;

  let inWindow = 0;
  let naiveCalls = 0;
  for (const stream of tenant.streams.values()) {
    const n = stream.lines.filter((l) => l.time >= from && l.time < to).length;
    inWindow += n;
    naiveCalls += Math.max(1, Math.ceil(n / 5000));
  }

  const queries: OtcBenchQuery[] = [];
  for (const q of QUERIES) {
    const durations: number[] = [];
    let calls = 0;
    let lines = 0;
    let localFilter = false;
    for (let run = 0; run < options.runs; run++) {
      const before = pair.primary.stats.requests;
      const t0 = performance.now();
      const page = await store.search.searchLines({ query: parseSearchQuery(q), from, to, streamIds: null, order: 'newest', limit: 100, position: null, budget: { maxRows: 1e6, maxMs: 10_000 } });
      durations.push(performance.now() - t0);
      calls = pair.primary.stats.requests - before;
      lines = page.lines.length;
      localFilter = page.remote?.localFilter ?? false;
    }
    queries.push({ name: q, p50Ms: percentile(durations, 50), p95Ms: percentile(durations, 95), callsPerPage: calls, naiveCalls, lines, localFilter });
  }
  const countStart = pair.primary.stats.requests;
  const countT0 = performance.now();
  await store.logs.listGroups();
  await store.lineCounts.idle('eu-de');
  const lineCounts = { streams: tenant.streams.size, calls: pair.primary.stats.requests - countStart, ms: performance.now() - countT0 };
  await store.close();

  const tokenStore = pair.open({ config: { ...pair.config, timeoutMs: 30_000, auth: { kind: 'token', iam: SIM_IAM_USER } } });
  const tokenDurations: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const t0 = performance.now();
    await tokenStore.search.searchLines({ query: parseSearchQuery(QUERIES[0]!), from, to, streamIds: null, order: 'newest', limit: 100, position: null, budget: { maxRows: 1e6, maxMs: 10_000 } });
    tokenDurations.push(performance.now() - t0);
  }
  const token = { p50Ms: percentile(tokenDurations, 50), p95Ms: percentile(tokenDurations, 95), tokensIssued: pair.primary.stats.tokensIssued };
  await tokenStore.close();
  await pair.close();
  options.log(`  ${inWindow.toLocaleString('en')} lines in the 7-day window over ${tenant.streams.size} streams`);
  return { lines: options.lines, runs: options.runs, signingAndTranslationUs, queries, lineCounts, token };
}
