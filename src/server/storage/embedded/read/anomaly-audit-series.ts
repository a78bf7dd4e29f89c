/**
 * Hourly audit series for the anomaly detector (reader worker), counted over the in-memory trace
 * columns the audit-trail explorer already keeps (traces-columns.ts): one pass for the users'
 * hour-of-day shares and first uses over the whole stored history, one pass over the range.
 * Behaviour rules are in traces/behaviour.ts.
 */
import type {
  AuditBehaviourCounts,
  AuditBreakdown,
  AuditBreakdownRequest,
  AuditSeriesData,
  AuditSeriesRequest,
} from '../../anomaly-series-port.ts';
import { hasHistory, isDestructiveOperation, isFailedCode, isOffHours, NEW_IP_GRACE_MS } from '../../../traces/behaviour.ts';
import type { Database } from '../sqlite.ts';
import { RATING_OF, sharedTraceColumnCache, TYPE_CODE, type TraceColumns } from './traces-columns.ts';

const HOUR_MS = 3_600_000;
const MAX_BUCKETS = 70 * 24;
const SYSTEM = TYPE_CODE.SystemAction;
const BEHAVIOUR_KEYS = ['offHours', 'firstOperation', 'newSourceIp', 'destructive', 'failed', 'warning', 'incident'] as const;

/** What the whole stored history says about each trace: first uses and usual hours. */
interface History {
  earliest: number | null;
  /** Per user code: traces per UTC hour of day (24 entries) and in total. */
  hours: Map<number, Float64Array>;
  /** `user:op` / `user:ip` codes -> row position of the first trace (by time, then id). */
  firstOp: Map<number, number>;
  firstIp: Map<number, number>;
}

let remembered: { columns: TraceColumns; size: number; history: History } | null = null;

/** The history of the columns as they are now; recounted only when traces were added. */
function historyOf(columns: TraceColumns): History {
  if (remembered?.columns !== columns || remembered.size !== columns.size) remembered = { columns, size: columns.size, history: readHistory(columns) };
  return remembered.history;
}

function readHistory(columns: TraceColumns): History {
  const { time, type, coded } = columns;
  const users = coded.user_name;
  const ops = coded.trace_name;
  const ips = coded.source_ip;
  const opCount = columns.dictionaries.trace_name.values.length + 1;
  const ipCount = columns.dictionaries.source_ip.values.length + 1;
  const history: History = { earliest: null, hours: new Map(), firstOp: new Map(), firstIp: new Map() };
  const earlier = (a: number, b: number) => time[a]! < time[b]! || (time[a] === time[b] && a < b);
  for (let i = 0; i < columns.size; i++) {
    const t = time[i]!;
    if (history.earliest === null || t < history.earliest) history.earliest = t;
    if (type[i] === SYSTEM) continue;
    const u = users[i]!;
    let hours = history.hours.get(u);
    if (!hours) history.hours.set(u, (hours = new Float64Array(25)));
    hours[new Date(t).getUTCHours()]! += 1;
    hours[24]! += 1;
    const opKey = u * opCount + ops[i]!;
    const firstOp = history.firstOp.get(opKey);
    if (firstOp === undefined || earlier(i, firstOp)) history.firstOp.set(opKey, i);
    const ipKey = u * ipCount + ips[i]!;
    const firstIp = history.firstIp.get(ipKey);
    if (firstIp === undefined || earlier(i, firstIp)) history.firstIp.set(ipKey, i);
  }
  return history;
}

/** The behaviour signals of the trace at row `i`, by the rules in traces/behaviour.ts. */
function signalsOf(columns: TraceColumns, history: History, i: number): Set<(typeof BEHAVIOUR_KEYS)[number]> {
  const signals = new Set<(typeof BEHAVIOUR_KEYS)[number]>();
  const { time, coded, dictionaries } = columns;
  const rating = columns.rating[i]!;
  // CTS rates failed operations incident too; an incident is notable when the operation succeeded.
  const failed = isFailedCode(dictionaries.code.values[coded.code[i]!]!);
  if (rating === 1) signals.add('warning');
  if (rating === 2 && !failed) signals.add('incident');
  if (columns.type[i] === SYSTEM) return signals;
  if (failed) signals.add('failed');
  if (isDestructiveOperation(dictionaries.trace_name.values[coded.trace_name[i]!]!)) signals.add('destructive');
  const t = time[i]!;
  if (!hasHistory(t, history.earliest)) return signals;
  const u = coded.user_name[i]!;
  const hours = history.hours.get(u);
  if (hours && isOffHours(hours[new Date(t).getUTCHours()]!, hours[24]!)) signals.add('offHours');
  if (history.firstOp.get(u * (dictionaries.trace_name.values.length + 1) + coded.trace_name[i]!) === i) signals.add('firstOperation');
  const ip = dictionaries.source_ip.values[coded.source_ip[i]!]!;
  const firstIp = history.firstIp.get(u * (dictionaries.source_ip.values.length + 1) + coded.source_ip[i]!);
  if (ip !== '' && firstIp !== undefined && t - time[firstIp]! <= NEW_IP_GRACE_MS) signals.add('newSourceIp');
  return signals;
}

const emptyBehaviour = (buckets: number): AuditBehaviourCounts =>
  Object.fromEntries(BEHAVIOUR_KEYS.map((key) => [key, new Array<number>(buckets).fill(0)])) as unknown as AuditBehaviourCounts;

export function createAnomalyAuditQueries(db: Database) {
  const cache = sharedTraceColumnCache(db);
  const traceRows = db.prepare('SELECT id, trace_id FROM traces WHERE id IN (SELECT value FROM json_each(?))');

  return {
    async anomalyAuditSeries({ from, to }: AuditSeriesRequest): Promise<AuditSeriesData> {
      const start = from - (from % HOUR_MS);
      const buckets = Math.ceil((to - start) / HOUR_MS);
      if (!(buckets >= 0 && buckets <= MAX_BUCKETS)) throw new Error(`audit series of at most ${MAX_BUCKETS} hours, asked for ${buckets}`);
      const columns = await cache.current();
      const history = historyOf(columns);
      const { time, coded, dictionaries } = columns;
      const users = new Map<number, AuditSeriesData['users'][number]>();
      const services = new Map<number, AuditSeriesData['services'][number]>();
      const newIpSeen = new Set<string>();
      for (let i = 0; i < columns.size; i++) {
        const t = time[i]!;
        const userName = dictionaries.user_name.values[coded.user_name[i]!]!;
        const serviceName = dictionaries.service_type.values[coded.service_type[i]!]!;
        const hour = t - (t % HOUR_MS);
        if (userName !== '') {
          let user = users.get(coded.user_name[i]!);
          if (!user) users.set(coded.user_name[i]!, (user = { user: userName, operations: new Array<number>(buckets).fill(0), behaviour: emptyBehaviour(buckets), firstData: null }));
          if (user.firstData === null || hour < user.firstData) user.firstData = hour;
        }
        let service = services.get(coded.service_type[i]!);
        if (!service) services.set(coded.service_type[i]!, (service = { service: serviceName, rated: new Array<number>(buckets).fill(0), firstData: null }));
        if (service.firstData === null || hour < service.firstData) service.firstData = hour;
        if (t < start || t >= to) continue;
        const k = Math.floor((t - start) / HOUR_MS);
        if (columns.rating[i]! > 0) service.rated[k]! += 1;
        const user = users.get(coded.user_name[i]!);
        if (!user) continue;
        user.operations[k]! += 1;
        for (const signal of signalsOf(columns, history, i)) {
          // A session from a new address is one new address, not one per click.
          if (signal === 'newSourceIp') {
            const key = `${coded.user_name[i]}:${coded.source_ip[i]}:${k}`;
            if (newIpSeen.has(key)) continue;
            newIpSeen.add(key);
          }
          user.behaviour[signal][k]! += 1;
        }
      }
      const byName = <T>(list: T[], name: (item: T) => string) => list.sort((a, b) => (name(a) < name(b) ? -1 : 1));
      return {
        start,
        bucketMs: HOUR_MS,
        buckets,
        earliestTrace: history.earliest,
        users: byName([...users.values()], (u) => u.user),
        services: byName([...services.values()], (s) => s.service),
      };
    },

    async anomalyAuditBreakdown(request: AuditBreakdownRequest): Promise<AuditBreakdown> {
      const columns = await cache.current();
      const history = historyOf(columns);
      const { time, coded, dictionaries } = columns;
      const fields = ['trace_name', 'source_ip', 'service_type', 'user'] as const;
      const empty = () => Object.fromEntries(fields.map((f) => [f, {} as Record<string, number>])) as AuditBreakdown['window'];
      const result: AuditBreakdown = { window: empty(), baseline: empty(), windowTotal: 0, baselineTotal: 0, hourShare: [], traces: [], moreTraces: false };
      const listed: { row: number; signals: string[] }[] = [];
      let userCode = -1;
      for (let i = 0; i < columns.size; i++) {
        const t = time[i]!;
        if (t < request.baselineFrom || t >= request.to) continue;
        const userName = dictionaries.user_name.values[coded.user_name[i]!]!;
        const service = dictionaries.service_type.values[coded.service_type[i]!]!;
        if (request.user !== undefined && userName !== request.user) continue;
        if (request.service !== undefined && (service !== request.service || columns.rating[i] === 0)) continue;
        userCode = coded.user_name[i]!;
        const inWindow = t >= request.from;
        const target = inWindow ? result.window : result.baseline;
        if (inWindow) result.windowTotal++;
        else result.baselineTotal++;
        const values = { trace_name: dictionaries.trace_name.values[coded.trace_name[i]!]!, source_ip: dictionaries.source_ip.values[coded.source_ip[i]!]!, service_type: service, user: userName };
        for (const field of fields) target[field][values[field]] = (target[field][values[field]] ?? 0) + 1;
        if (inWindow) listed.push({ row: i, signals: [...signalsOf(columns, history, i)] });
      }
      if (request.user !== undefined && userCode >= 0) {
        const hours = history.hours.get(userCode);
        if (hours && hours[24]! > 0) result.hourShare = Array.from({ length: 24 }, (_, h) => hours[h]! / hours[24]!);
      }
      // The traces that carried signals first, then the rest, each group in time order.
      listed.sort((a, b) => Number(b.signals.length > 0) - Number(a.signals.length > 0) || time[a.row]! - time[b.row]!);
      const kept = listed.slice(0, Math.max(0, request.maxTraces)).sort((a, b) => time[a.row]! - time[b.row]!);
      result.moreTraces = listed.length > kept.length;
      const ids = new Map((traceRows.all(JSON.stringify(kept.map((k) => columns.id[k.row]))) as { id: number; trace_id: string }[]).map((r) => [r.id, r.trace_id]));
      result.traces = kept.map(({ row, signals }) => ({
        time: time[row]!,
        trace_id: ids.get(columns.id[row]!) ?? '',
        trace_name: dictionaries.trace_name.values[coded.trace_name[row]!]!,
        service_type: dictionaries.service_type.values[coded.service_type[row]!]!,
        source_ip: dictionaries.source_ip.values[coded.source_ip[row]!]!,
        user: dictionaries.user_name.values[coded.user_name[row]!]!,
        rating: RATING_OF[columns.rating[row]!]!,
        code: dictionaries.code.values[coded.code[row]!]!,
        signals,
      }));
      return result;
    },
  };
}
