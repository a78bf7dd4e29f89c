/**
 * The simulator's CTS endpoint: `GET /v3/{project_id}/traces` with the documented filters, the
 * `next` marker (id of the last trace returned; the page continues with older traces) and
 * `meta_data.marker` null on the last page. Like CTS, it answers the last 7 days only.
 */
import type { CtsTrace } from '../../../contract/index.ts';
import type { MemoryTenant } from './memory-tenant.ts';
import type { SimReply } from './sim-lts.ts';

const ctsError = (status: number, code: string, msg: string): SimReply => ({ status, body: { error_code: code, error_msg: msg } });

const QUERY_DAYS = 7;

const EXACT: readonly (keyof CtsTrace)[] = ['service_type', 'resource_id', 'resource_name', 'resource_type', 'trace_name', 'trace_rating'];

export function listTraces(tenant: MemoryTenant, params: URLSearchParams, now: number): SimReply {
  const traceId = params.get('trace_id');
  if (traceId) {
    const found = tenant.traceList.filter((t) => t.trace_id === traceId);
    return { status: 200, body: { traces: found, meta_data: { count: found.length, marker: null } } };
  }
  const limitText = params.get('limit');
  const limit = limitText === null ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) return ctsError(400, 'CTS.0003', 'limit must be 1-200');
  const fromText = params.get('from');
  const toText = params.get('to');
  if ((fromText === null) !== (toText === null)) return ctsError(400, 'CTS.0003', 'from and to must be used together');
  const asked = fromText === null ? now - 3_600_000 : Number(fromText);
  const to = toText === null ? now : Number(toText);
  if (!Number.isInteger(asked) || !Number.isInteger(to) || asked > to) return ctsError(400, 'CTS.0003', 'invalid from/to');
  // Only the last 7 days are queryable; older traces are not answered (they live in OBS/LTS).
  const from = Math.max(asked, now - QUERY_DAYS * 86_400_000);
  const user = params.get('user');
  const filters = EXACT.flatMap((key) => {
    const value = params.get(key);
    return value === null ? [] : [[key, value] as const];
  });
  const marker = params.get('next');
  let i = 0;
  const list = tenant.traceList;
  if (marker) {
    const at = list.findIndex((t) => t.trace_id === marker);
    if (at < 0) return ctsError(400, 'CTS.0003', 'unknown next marker');
    i = at + 1;
  }
  const traces: CtsTrace[] = [];
  let more = false;
  for (; i < list.length; i++) {
    const t = list[i]!;
    if (t.time > to) continue;
    if (t.time < from) break;
    if (user !== null && t.user.name !== user) continue;
    if (!filters.every(([key, value]) => t[key] === value)) continue;
    if (traces.length === limit) {
      more = true;
      break;
    }
    traces.push(t);
  }
  const last = traces[traces.length - 1];
  return { status: 200, body: { traces, meta_data: { count: traces.length, marker: more && last ? last.trace_id : null } } };
}
