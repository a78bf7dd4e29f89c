/**
 * Bucketed counts for a rule over a time range, read through the storage ports: the log
 * histogram (grouped by a field when the rule has groupBy) or the CTS timeline. One read per
 * stretch of at most a few thousand buckets, never a search per evaluation step.
 */
import type { AlertRuleInput, LogGroup } from '../../../contract/index.ts';
import type { QueryNode } from '../../../query/ast.ts';
import { HttpError } from '../../http/http-error.ts';
import { HISTOGRAM_BUDGET } from '../../search/limits.ts';
import { parseSearchQuery, resolveStreams } from '../../search/scope.ts';
import type { ReadHints, SearchableStore, TraceFilter } from '../../storage/ports.ts';
import { loadAnomalyCells, type AnomalyLookup } from './anomaly-series.ts';
import { complementNetworks, ipv4Range } from './networks.ts';
import type { BucketCells, ModelSpec, SeriesData } from './model.ts';

const LOG_BUCKETS_PER_READ = 10_000;
const TRACE_BUCKETS_PER_READ = 1_000;

export interface LoadedSeries extends SeriesData {
  /** Groups beyond the rule's cap, left out (the smallest by total count). */
  groupsCut: number;
  /** Set when a store bound cut a read short: counts before this time are missing. */
  incompleteReason: string | null;
  /** Anomaly rules: evaluations after this time are not judged by the detector yet. */
  judgedUntil?: number;
}

export function modelSpec(rule: AlertRuleInput): ModelSpec {
  const condition = rule.condition;
  const stepMs = rule.everySeconds * 1000;
  const base = {
    stepMs,
    windowSteps: Math.max(1, Math.round(condition.windowSeconds / rule.everySeconds)),
    pendingMs: rule.pendingSeconds * 1000,
    recovery: rule.recoveryEvaluations,
  };
  switch (condition.type) {
    case 'query':
      return { ...base, op: condition.op, threshold: condition.threshold, grouped: condition.groupBy !== null, ratio: null };
    case 'ratio':
      return { ...base, op: condition.op, threshold: condition.thresholdPercent, grouped: false, ratio: { minVolume: condition.minVolume } };
    case 'absence':
      // "No matching line for N minutes": fewer than one line in the window.
      return { ...base, op: '<', threshold: 1, grouped: false, ratio: null };
    case 'audit':
      return { ...base, op: condition.op, threshold: condition.threshold, grouped: false, ratio: null };
    case 'anomaly':
      // The cells hold each window's highest score already (anomaly-series.ts): one-step window.
      return { ...base, windowSteps: 1, op: '>=', threshold: condition.minScore, grouped: true, ratio: null };
  }
}

export interface ResolvedScope {
  query: QueryNode;
  totalQuery: QueryNode | null;
  streamIds: string[] | null;
}

/** Parses the rule's queries and resolves its streams now (names can change); 400 naming the field. */
export function resolveScope(rule: AlertRuleInput, groups: readonly LogGroup[]): ResolvedScope | null {
  const condition = rule.condition;
  if (condition.type === 'audit' || condition.type === 'anomaly') return null;
  const at = (field: string, error: unknown): never => {
    if (error instanceof HttpError) {
      throw new HttpError('validation_failed', `condition.${field}: ${error.message}`, {
        issues: [{ path: `condition.${field}`, message: error.message, ...positionOf(error) }],
      });
    }
    throw error;
  };
  let query: QueryNode;
  let totalQuery: QueryNode | null = null;
  let streamIds: string[] | null;
  try {
    query = parseSearchQuery(condition.query);
  } catch (error) {
    return at('query', error);
  }
  if (condition.type === 'ratio') {
    try {
      totalQuery = parseSearchQuery(condition.totalQuery);
    } catch (error) {
      return at('totalQuery', error);
    }
  }
  try {
    streamIds = resolveStreams(groups, condition.logGroups, condition.logStreams);
  } catch (error) {
    return at('logStreams', error);
  }
  return { query, totalQuery, streamIds };
}

function positionOf(error: HttpError): { position?: number } {
  const details = error.details as { query?: { position?: number } } | undefined;
  return details?.query?.position !== undefined ? { position: details.query.position } : {};
}

function traceFilter(rule: AlertRuleInput, from: number, to: number): TraceFilter {
  const c = rule.condition;
  if (c.type !== 'audit') throw new Error('not an audit rule');
  return {
    from,
    to,
    serviceTypes: c.serviceTypes,
    resourceTypes: c.resourceTypes,
    traceNames: c.traceNames,
    ratings: c.ratings,
    traceTypes: [],
    users: c.users,
    sourceIps: c.excludeSourceIps.length > 0 ? [] : c.sourceIps,
    // Exclusions become "from anywhere else"; with both, the listed addresses outside the exclusions.
    networks: c.excludeSourceIps.length > 0 ? allowedNetworks(c.sourceIps, c.excludeSourceIps) : [],
    resourceIds: [],
    resourceNames: [],
    texts: [],
    requestIds: [],
    codes: [],
    codeClasses: c.succeededOnly ? [2] : [],
  };
}

/** Whether a bucket starting at `start` lies in the rule's UTC hours (step divides an hour). */
export function inHours(hours: { from: number; to: number } | null, start: number): boolean {
  if (!hours) return true;
  const hour = new Date(start).getUTCHours();
  return hours.from <= hours.to ? hour >= hours.from && hour < hours.to : hour >= hours.from || hour < hours.to;
}

/**
 * Counts per step-sized bucket over [from, to) (both on the step grid). The store answers in
 * stretches; each is one grouped count over the whole stretch.
 */
export interface LoadOptions {
  signal?: AbortSignal | undefined;
  /** The detector anomaly rules read; without it they are not available. */
  anomalies?: AnomalyLookup | null | undefined;
  /** 'background' for the evaluator's own schedule, so searches people wait for go first. */
  priority?: NonNullable<ReadHints['priority']>;
}

export async function loadSeries(
  store: SearchableStore,
  rule: AlertRuleInput,
  scope: ResolvedScope | null,
  from: number,
  to: number,
  { signal, anomalies, priority = 'interactive' }: LoadOptions = {},
): Promise<LoadedSeries> {
  const stepMs = rule.everySeconds * 1000;
  if (rule.condition.type === 'anomaly') {
    if (!anomalies) throw new HttpError('unavailable', 'anomaly detection is not available on this server: anomaly rules cannot be evaluated');
    const data = await loadAnomalyCells(anomalies, rule.condition, from, to, stepMs);
    return { origin: from, cells: data.cells, totals: null, groupsCut: 0, incompleteReason: data.incompleteReason, judgedUntil: data.judgedUntil };
  }
  const cells: BucketCells = new Map();
  const origin = from;
  const condition = rule.condition;
  let incompleteReason: string | null = null;
  const add = (start: number, group: string, n: number, into: BucketCells) => {
    const index = Math.round((start - origin) / stepMs);
    let bucket = into.get(index);
    if (!bucket) into.set(index, (bucket = new Map()));
    bucket.set(group, (bucket.get(group) ?? 0) + n);
  };

  if (condition.type === 'audit') {
    for (let start = from; start < to; start += TRACE_BUCKETS_PER_READ * stepMs) {
      const end = Math.min(to, start + TRACE_BUCKETS_PER_READ * stepMs);
      const count = Math.round((end - start) / stepMs);
      const data = await store.traces.timeline({ filter: traceFilter(rule, start, end), bucketStart: start, bucketMs: stepMs, bucketCount: count, maxPoints: 0 });
      for (let i = 0; i < count; i++) {
        const n = (data.normal[i] ?? 0) + (data.warning[i] ?? 0) + (data.incident[i] ?? 0);
        const bucketStart = start + i * stepMs;
        if (n > 0 && inHours(condition.hoursUtc, bucketStart)) add(bucketStart, '', n, cells);
      }
      if (data.coveredFrom !== null) incompleteReason = `trace counts before ${new Date(data.coveredFrom).toISOString()} are incomplete (scan bound)`;
    }
    return { origin, cells, totals: null, groupsCut: 0, incompleteReason };
  }

  if (!scope) throw new Error('log rules need a resolved scope');
  const groupBy = condition.type === 'query' && condition.groupBy !== null ? condition.groupBy : undefined;
  const read = async (query: QueryNode, by: string | undefined, into: (start: number, group: string, n: number) => void) => {
    for (let start = from; start < to; start += LOG_BUCKETS_PER_READ * stepMs) {
      const end = Math.min(to, start + LOG_BUCKETS_PER_READ * stepMs);
      const result = await store.search.histogram(
        { query, from: start, to: end, streamIds: scope.streamIds, bucketMs: stepMs, budget: HISTOGRAM_BUDGET, hints: { priority }, ...(by !== undefined ? { groupBy: by } : {}) },
        signal,
      );
      for (const bucket of result.buckets) {
        for (const [group, n] of Object.entries(bucket.byLevel)) into(bucket.start, by === undefined ? '' : group, n);
      }
      if (result.truncatedReason !== null) {
        incompleteReason = `line counts before ${new Date(result.coveredFrom ?? end).toISOString()} are incomplete (${result.truncatedReason})`;
      }
    }
  };
  await read(scope.query, groupBy, (start, group, n) => {
    // Lines without the field cannot be told apart: they form no group.
    if (groupBy !== undefined && group === '') return;
    add(start, group, n, cells);
  });
  let totals: Map<number, number> | null = null;
  if (condition.type === 'ratio' && scope.totalQuery) {
    const totalCells: BucketCells = new Map();
    await read(scope.totalQuery, undefined, (start, _group, n) => add(start, '', n, totalCells));
    totals = new Map([...totalCells].map(([index, groups]) => [index, groups.get('') ?? 0]));
  }
  const groupsCut = groupBy !== undefined && condition.type === 'query' ? capGroups(cells, condition.maxGroups) : 0;
  return { origin, cells, totals, groupsCut, incompleteReason };
}

/** Keeps the `max` groups with the most lines; returns how many were dropped. */
function capGroups(cells: BucketCells, max: number): number {
  const totals = new Map<string, number>();
  for (const bucket of cells.values()) for (const [group, n] of bucket) totals.set(group, (totals.get(group) ?? 0) + n);
  if (totals.size <= max) return 0;
  const keep = new Set([...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max).map(([group]) => group));
  for (const bucket of cells.values()) for (const group of [...bucket.keys()]) if (!keep.has(group)) bucket.delete(group);
  return totals.size - max;
}

function allowedNetworks(include: readonly string[], exclude: readonly string[]): TraceFilter['networks'] {
  const rest = complementNetworks(exclude);
  if (include.length === 0) return rest;
  // Listed addresses that are not excluded, each as a /32.
  const excluded = exclude.map(ipv4Range).filter((r) => r !== null);
  return include
    .map(ipv4Range)
    .filter((r) => r !== null && r.lo === r.hi && !excluded.some((e) => e.lo <= r.lo && e.hi >= r.hi))
    .map((r) => ({ address: [24, 16, 8, 0].map((s) => Math.floor(r!.lo / 2 ** s) % 256).join('.'), prefixLength: 32 }));
}
