/**
 * Anomaly endpoints: thin over the detector (services/anomalies). Managers reach only the
 * summary, and see it masked: counts per day and severity, no subjects.
 */
import type { Anomaly, AnomalySeries, AnomalySummary, Role } from '../../contract/index.ts';
import type { FeatureHandlers, RequestContext } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import type { AnomalyFeedbackStore } from '../state/anomaly-feedback.ts';
import type { SearchableStore } from '../storage/ports.ts';
import { MAX_WINDOW_MS, type AnomalyDetector } from '../services/anomalies/detector.ts';
import { anomalyDetail, findAnomaly } from '../services/anomalies/details.ts';
import { seriesPoints } from '../services/anomalies/series-points.ts';
import { seriesKey } from '../services/anomalies/series.ts';
import { compareAnomalies, decodeAnomalyCursor, encodeAnomalyCursor } from '../services/anomalies/sort.ts';

const DAY_MS = 86_400_000;
const DEFAULT_RANGE_MS = 7 * DAY_MS;
/** 5-minute points of at most 7 days, hourly ones of at most 35: charts stay light. */
const MAX_SERIES_POINTS = 2_016;

export interface AnomalyRouteDeps {
  store: SearchableStore;
  detector: AnomalyDetector;
  feedback: AnomalyFeedbackStore;
  now: () => number;
}

function windowOf(query: { from?: number | undefined; to?: number | undefined }, now: number): { from: number; to: number } {
  const to = Math.min(query.to ?? now, now);
  const from = query.from ?? to - DEFAULT_RANGE_MS;
  if (from >= to) throw new HttpError('bad_request', '`from` must be before `to` (and before now)', { field: 'from' });
  if (to - from > MAX_WINDOW_MS) throw new HttpError('bad_request', `the window may span at most ${MAX_WINDOW_MS / DAY_MS} days`, { field: 'from' });
  return { from, to };
}

const UNMASKED: readonly Role[] = ['analyst', 'admin'];
const seesSubjects = (ctx: RequestContext) => ctx.principal?.roles.some((r) => UNMASKED.includes(r)) ?? false;

function subjectLabel(a: Anomaly): string {
  const s = a.subject;
  return 'group' in s ? `${s.group}/${s.stream}` : 'user' in s ? s.user : s.service;
}

export function anomalyRoutes({ store, detector, feedback, now }: AnomalyRouteDeps): FeatureHandlers<'listAnomalies' | 'anomalySeries' | 'anomalySummary' | 'getAnomaly' | 'anomalyFeedback'> {
  return {
    listAnomalies: async ({ query }) => {
      const { from, to } = windowOf(query, now());
      const result = await detector.detect({ from, to, kind: query.kind, group: query.group, stream: query.stream, user: query.user, service: query.service });
      const after = query.cursor === undefined ? null : decodeAnomalyCursor(query.cursor);
      if (query.cursor !== undefined && after === null) throw new HttpError('bad_request', 'the cursor is not one this endpoint handed out', { field: 'cursor' });
      const sorted = result.anomalies.filter((a) => a.score >= query.minScore).sort((a, b) => compareAnomalies(a, b, query.sort));
      const rest = after ? sorted.filter((a) => compareAnomalies(a, after, query.sort) > 0) : sorted;
      const page = rest.slice(0, query.limit);
      const more = rest.length > page.length;
      return { from, to, anomalies: page, cursor: more ? encodeAnomalyCursor(page.at(-1)!) : null, complete: !more, evaluatedUntil: result.evaluatedUntil };
    },

    anomalySeries: async ({ query }) => {
      const { from, to } = windowOf(query, now());
      const request = { from, to, kind: query.kind, group: query.group, stream: query.stream, user: query.user, service: query.service };
      const sources = await detector.sources(request);
      if (sources.length !== 1) {
        throw new HttpError('bad_request', sources.length === 0 ? 'no series matches that kind and subject' : 'name one series: group and stream, user or service', { field: 'kind' });
      }
      const source = sources[0]!;
      if ((to - from) / source.counts.step > MAX_SERIES_POINTS) {
        throw new HttpError('bad_request', `at most ${MAX_SERIES_POINTS} points per series: shorten the window`, { field: 'from', maxPoints: MAX_SERIES_POINTS });
      }
      const until = Math.min(to, detector.completeUntil(source.counts.step));
      const series: AnomalySeries = seriesPoints(source, from, until, detector.feedbackFor(source).exclusions);
      return { ...series, to };
    },

    anomalySummary: async ({ query }, ctx) => {
      const { from, to } = windowOf(query, now());
      const result = await detector.detect({ from, to });
      const firstDay = from - (from % DAY_MS);
      const days: AnomalySummary['days'] = [];
      for (let day = firstDay; day < to; day += DAY_MS) days.push({ day, high: 0, medium: 0, low: 0 });
      const cells = new Map<string, AnomalySummary['cells'][number]>();
      for (const a of result.anomalies) {
        const day = Math.max(a.start, from) - (Math.max(a.start, from) % DAY_MS);
        const entry = days[(day - firstDay) / DAY_MS];
        if (!entry) continue;
        if (a.score >= 80) entry.high++;
        else if (a.score >= 50) entry.medium++;
        else entry.low++;
        const key = `${seriesKey(a.kind, a.subject)}|${day}`;
        const cell = cells.get(key);
        if (!cell) cells.set(key, { subject: subjectLabel(a), kind: a.kind, day, maxScore: a.score, count: 1, anomalyId: a.id });
        else {
          cell.count++;
          if (a.score > cell.maxScore) Object.assign(cell, { maxScore: a.score, anomalyId: a.id });
        }
      }
      const masked = !seesSubjects(ctx);
      return { from, to, days, cells: masked ? [] : [...cells.values()], masked, evaluatedUntil: result.evaluatedUntil };
    },

    getAnomaly: async ({ params, query }) => {
      const anomaly = await findAnomaly(detector, params.id, now());
      if (!anomaly) throw new HttpError('not_found', 'no anomaly with that id (the data may have changed: open it again from the list)');
      return anomalyDetail(store, anomaly, query.changesWindow);
    },

    anomalyFeedback: async ({ params, body }, ctx) => {
      const anomaly = await findAnomaly(detector, params.id, now());
      if (!anomaly) throw new HttpError('not_found', 'no anomaly with that id (the data may have changed: open it again from the list)');
      const principal = ctx.principal!;
      const before = feedback.get(anomaly.id)?.feedback ?? null;
      const entry = feedback.set(
        { anomalyId: anomaly.id, series: seriesKey(anomaly.kind, anomaly.subject), start: anomaly.start, end: anomaly.end },
        body.verdict,
        body.note,
        { id: principal.subject, name: principal.name },
      );
      ctx.audit({
        action: 'anomalyFeedback',
        resource: { type: 'anomaly', id: anomaly.id, name: `${anomaly.kind} ${subjectLabel(anomaly)}` },
        code: 200,
        request: { before, after: entry.feedback },
      });
      return entry.feedback;
    },
  };
}
