/**
 * The anomaly runner: reads series through the storage ports, judges them with the pure model,
 * and keeps results fresh. `detect` is the one entry point for routes and for rule evaluators
 * (an alert rule of type "anomaly" calls it with a kind, a subject and a window).
 *
 * Caching: a background pass judges the last 30 days of every series every few minutes; requests
 * inside that window are answered from it. Other windows (older history, a fresh import) are
 * judged on demand and kept in a small cache. A cached result is reused while the store's line
 * and trace counts and the feedback are unchanged, or for at most a minute when data keeps
 * arriving; `evaluatedUntil` always says up to where the answer is judged.
 */
import type { Anomaly, AnomalyKind } from '../../../contract/index.ts';
import type { Logger } from '../../logger.ts';
import type { AnomalyFeedbackStore } from '../../state/anomaly-feedback.ts';
import type { SearchableStore } from '../../storage/ports.ts';
import { describeError } from '../../logger.ts';
import { BaselineCache } from './baseline-cache.ts';
import { detectInSeries, type SeriesFeedback } from './evaluate.ts';
import { DAY_MS, HISTORY_MS, HOUR_MS } from './model.ts';
import { auditSeries, logSeries, seriesKey, type SourceSeries } from './series.ts';

export const LOG_BUCKET_MS = 300_000;
export const BACKGROUND_WINDOW_MS = 30 * DAY_MS;
export const MAX_WINDOW_MS = 35 * DAY_MS;
const STALE_OK_MS = 60_000;
const CACHE_ENTRIES = 16;

export interface SubjectFilter {
  group?: string | undefined;
  stream?: string | undefined;
  user?: string | undefined;
  service?: string | undefined;
}

export interface DetectRequest extends SubjectFilter {
  from: number;
  to: number;
  kind?: AnomalyKind | undefined;
}

export interface DetectResult {
  from: number;
  to: number;
  anomalies: Anomaly[];
  /** Buckets ending after this were not judged (not complete yet). */
  evaluatedUntil: number;
}

interface CachedResult extends DetectResult {
  at: number;
  version: string;
}

const LOG_KINDS: readonly AnomalyKind[] = ['log_volume', 'log_error_ratio'];

export function matchesFilter(kind: AnomalyKind, subject: Anomaly['subject'], request: { kind?: AnomalyKind | undefined } & SubjectFilter): boolean {
  if (request.kind && request.kind !== kind) return false;
  const s = subject as Partial<Record<'group' | 'stream' | 'user' | 'service', string>>;
  return (['group', 'stream', 'user', 'service'] as const).every((field) => request[field] === undefined || s[field] === request[field]);
}

export interface AnomalyDetectorDeps {
  store: SearchableStore;
  feedback: AnomalyFeedbackStore;
  now?: () => number;
  logger?: Logger;
}

export class AnomalyDetector {
  readonly #store: SearchableStore;
  readonly #feedback: AnomalyFeedbackStore;
  readonly #now: () => number;
  readonly #logger: Logger | undefined;
  #background: CachedResult | null = null;
  readonly #cache = new Map<string, CachedResult>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  readonly #baselines = new BaselineCache();
  /** How the last background pass went (for the bench and the logs). */
  lastPass: { ms: number; baselinesReused: number; baselinesComputed: number } | null = null;

  constructor(deps: AnomalyDetectorDeps) {
    this.#store = deps.store;
    this.#feedback = deps.feedback;
    this.#now = deps.now ?? Date.now;
    this.#logger = deps.logger;
  }

  /** Anomalies overlapping [from, to) of the series the request selects, oldest first. */
  async detect(request: DetectRequest): Promise<DetectResult> {
    const version = await this.#version();
    const now = this.#now();
    const fresh = (c: CachedResult) => c.version === version || now - c.at < STALE_OK_MS;
    const bg = this.#background;
    if (bg && fresh(bg) && request.from >= bg.from && request.to <= now) {
      return { ...this.#select(bg, request), from: request.from, to: request.to };
    }
    const key = JSON.stringify(request);
    const cached = this.#cache.get(key);
    if (cached && fresh(cached)) return cached;
    const result = { ...(await this.#evaluate(request)), at: now, version };
    this.#cache.delete(key);
    this.#cache.set(key, result);
    while (this.#cache.size > CACHE_ENTRIES) this.#cache.delete(this.#cache.keys().next().value!);
    return result;
  }

  /** The source series a request selects, loaded with 4 weeks of history before `from`. */
  async sources(request: DetectRequest): Promise<SourceSeries[]> {
    const loadFrom = Math.max(0, request.from - HISTORY_MS);
    const wantsLogs = request.kind === undefined || LOG_KINDS.includes(request.kind);
    const wantsAudit = (request.kind === undefined || !LOG_KINDS.includes(request.kind)) && request.group === undefined && request.stream === undefined;
    const sources: SourceSeries[] = [];
    if (wantsLogs && request.user === undefined && request.service === undefined) {
      const only = request.group !== undefined && request.stream !== undefined ? { only: { group: request.group, stream: request.stream } } : {};
      sources.push(...logSeries(await this.#store.anomalySeries.logSeries({ from: loadFrom, to: request.to, ...only })));
    }
    if (wantsAudit) sources.push(...auditSeries(await this.#store.anomalySeries.auditSeries({ from: loadFrom, to: request.to })));
    return sources.filter((s) => matchesFilter(s.kind, s.subject, request));
  }

  /** Last complete bucket end for a bucket width. */
  completeUntil(step: number): number {
    const now = this.#now();
    return now - (now % step);
  }

  /** `all`: the feedback entries when the caller already read them (a pass reads them once). */
  feedbackFor(source: SourceSeries, all = this.#feedback.all()): SeriesFeedback {
    const key = seriesKey(source.kind, source.subject);
    const entries = all.filter((e) => e.series === key);
    return {
      exclusions: entries.filter((e) => e.feedback.verdict === 'expected').map((e) => ({ start: e.start, end: e.end })),
      byId: new Map(entries.map((e) => [e.anomalyId, e.feedback])),
    };
  }

  /** `baselines`: only the background pass keeps baselines between runs (it judges the same window). */
  async #evaluate(request: DetectRequest, baselines?: BaselineCache): Promise<DetectResult> {
    const sources = await this.sources(request);
    const anomalies: Anomaly[] = [];
    let evaluatedUntil = Math.min(request.to, this.completeUntil(LOG_BUCKET_MS));
    const feedback = this.#feedback.all();
    for (const source of sources) {
      const until = Math.min(request.to, this.completeUntil(source.counts.step));
      evaluatedUntil = Math.min(evaluatedUntil, until);
      // Start a few buckets early so a window running into `from` keeps its true start.
      const seriesFeedback = this.feedbackFor(source, feedback);
      const { start, step, dataFrom, values } = source.counts;
      const input = { start, step, dataFrom, arrays: source.totals ? [values, source.totals.values] : [values], exclusions: JSON.stringify(seriesFeedback.exclusions) };
      const found = detectInSeries(source, request.from - HOUR_MS, until, seriesFeedback, baselines?.forSeries(seriesKey(source.kind, source.subject), input));
      anomalies.push(...found.filter((a) => a.end > request.from && a.start < request.to));
    }
    anomalies.sort((a, b) => a.start - b.start || b.score - a.score);
    return { from: request.from, to: request.to, anomalies, evaluatedUntil: Math.max(request.from, evaluatedUntil) };
  }

  #select(result: DetectResult, request: DetectRequest): DetectResult {
    return {
      ...result,
      anomalies: result.anomalies.filter((a) => a.end > request.from && a.start < request.to && matchesFilter(a.kind, a.subject, request)),
      evaluatedUntil: Math.min(result.evaluatedUntil, request.to),
    };
  }

  async #version(): Promise<string> {
    const counts = await this.#store.counts();
    return `${counts.lines}|${counts.traces}|${this.#feedback.version}`;
  }

  /** Judges the last 30 days of every series; the background pass and tests call it. */
  refresh(): Promise<void> {
    this.#running ??= (async () => {
      try {
        const version = await this.#version();
        const now = this.#now();
        const from = now - (now % HOUR_MS) - BACKGROUND_WINDOW_MS;
        const started = performance.now();
        this.#baselines.beginPass();
        const result = await this.#evaluate({ from, to: now }, this.#baselines);
        this.#background = { ...result, at: now, version };
        const { hits, misses } = this.#baselines;
        this.lastPass = { ms: performance.now() - started, baselinesReused: hits, baselinesComputed: misses };
        this.#logger?.debug('anomaly pass', { anomalies: result.anomalies.length, ...this.lastPass });
      } catch (error) {
        this.#logger?.warn('anomaly pass failed', describeError(error));
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  /** Starts the background pass (first one right away), every `intervalMs`. */
  start(intervalMs = 5 * 60_000): void {
    if (this.#timer) return;
    void this.refresh();
    this.#timer = setInterval(() => void this.refresh(), intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
