// Test kit for the trace routes: the real app over a store seeded with the demo tenant, every
// stored trace read straight from the database file (not through the code under test), and a
// brute-force evaluation of the list filters to compare the API against.
import path from 'node:path';
import { expect } from 'vitest';
import type { CtsTrace } from '../../../contract/index.ts';
import { ipInCidr } from '../../../query/index.ts';
import { seedDemoData } from '../../seed/index.ts';
import { openDatabase } from '../../storage/embedded/sqlite.ts';
import { DB_FILE } from '../../storage/embedded/store.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { dpopHeaders } from '../../testing/tokens.ts';

export const NOW = Date.UTC(2026, 10, 20, 12, 0);
export const DAY = 86_400_000;

export interface StoredTrace extends CtsTrace {
  /** The store's row id: the tie-breaker of the newest-first order. */
  rowId: number;
}

export interface TraceFixture {
  t: TestApp;
  get(path: string, roles?: string[]): Promise<Response>;
  json<T>(path: string, schema: { parse(value: unknown): T }, roles?: string[]): Promise<T>;
  /** Every stored trace, newest first. */
  all(): StoredTrace[];
  close(): Promise<void>;
}

export async function openTraceFixture(extra: CtsTrace[] = []): Promise<TraceFixture> {
  const t = await createTestApp({ now: () => NOW });
  await seedDemoData(t.store, { lines: 20_000, days: 30, seed: 7, now: NOW });
  if (extra.length > 0) await t.store.traces.appendTraces(extra);
  const get = async (url: string, roles = ['analyst']) =>
    t.app.request(url, { headers: await dpopHeaders(t.issuer, 'GET', url.split('?')[0]!, { roles }) });
  return {
    t,
    get,
    async json(url, schema, roles) {
      const response = await get(url, roles);
      expect(response.status, `${url}: ${response.status === 200 ? '' : await response.clone().text()}`).toBe(200);
      return schema.parse(await response.json());
    },
    all: () => readAll(path.join(t.dataDir, DB_FILE)),
    close: () => t.close(),
  };
}

type TextColumn = Exclude<keyof CtsTrace, 'user' | 'time' | 'record_time'> | 'user_id' | 'user_name' | 'domain_id' | 'domain_name';
type Row = Record<TextColumn, string> & { id: number; time: number; record_time: number };

function readAll(file: string): StoredTrace[] {
  const db = openDatabase(file, { readOnly: true });
  try {
    const rows = db.prepare('SELECT * FROM traces ORDER BY time DESC, id DESC').all() as unknown as Row[];
    return rows.map((row) => ({
      rowId: row.id,
      trace_id: row.trace_id,
      trace_name: row.trace_name,
      trace_rating: row.trace_rating as CtsTrace['trace_rating'],
      trace_type: row.trace_type as CtsTrace['trace_type'],
      service_type: row.service_type,
      resource_type: row.resource_type,
      resource_id: row.resource_id,
      resource_name: row.resource_name,
      user: { id: row.user_id, name: row.user_name, domain: { id: row.domain_id, name: row.domain_name } },
      source_ip: row.source_ip,
      request: row.request,
      response: row.response,
      code: row.code,
      message: row.message,
      time: row.time,
      record_time: row.record_time,
      request_id: row.request_id,
      api_version: row.api_version,
      endpoint: row.endpoint,
      resource_url: row.resource_url,
      location_info: row.location_info,
    }));
  } finally {
    db.close();
  }
}

/** The list filters as the API takes them: parameter name → values. */
export type Params = Record<string, string[]>;

export function queryString(params: Params): string {
  return Object.entries(params)
    .flatMap(([name, values]) => values.map((value) => `${name}=${encodeURIComponent(value)}`))
    .join('&');
}

/** The filter semantics written out plainly, one trace at a time. */
export function matches(trace: CtsTrace, params: Params, from: number, to: number): boolean {
  if (trace.time < from || trace.time >= to) return false;
  const any = (name: string, test: (value: string) => boolean) => !params[name] || params[name].some(test);
  const contains = (text: string) => (value: string) => text.toLowerCase().includes(value.toLowerCase());
  return (
    any('service_type', (v) => trace.service_type === v) &&
    any('resource_type', (v) => trace.resource_type === v) &&
    any('trace_name', (v) => trace.trace_name === v) &&
    any('trace_rating', (v) => trace.trace_rating === v) &&
    any('trace_type', (v) => trace.trace_type === v) &&
    any('user', (v) => trace.user.name === v || trace.user.id === v) &&
    any('source_ip', (v) => (v.includes('/') ? ipInCidr(trace.source_ip, v.split('/')[0]!, Number(v.split('/')[1])) : trace.source_ip === v)) &&
    any('resource_id', contains(trace.resource_id)) &&
    any('resource_name', contains(trace.resource_name)) &&
    any('text', (v) => contains(trace.trace_name)(v) || contains(trace.resource_name)(v)) &&
    any('request_id', (v) => trace.request_id === v) &&
    any('code', (v) => (v.endsWith('xx') ? trace.code.length === 3 && trace.code[0] === v[0] : trace.code === v))
  );
}
