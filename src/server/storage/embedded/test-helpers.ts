/** Helpers for the embedded store's tests: a real store in a throwaway folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CtsTrace } from '../../../contract/schemas/traces.ts';
import type { QueryNode } from '../../../query/ast.ts';
import { parseQuery } from '../../../query/index.ts';
import { openEmbeddedStore } from './store.ts';
import type { EmbeddedStore } from './store.ts';

export interface TempStore {
  dir: string;
  store: EmbeddedStore;
  reopen(): Promise<EmbeddedStore>;
  dispose(): Promise<void>;
}

export async function openTempStore(): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-store-'));
  const temp: TempStore = {
    dir,
    store: await openEmbeddedStore({ dataDir: dir }),
    async reopen() {
      await temp.store.close();
      temp.store = await openEmbeddedStore({ dataDir: dir });
      return temp.store;
    },
    async dispose() {
      await temp.store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return temp;
}

export function makeTrace(traceId: string, overrides: Partial<CtsTrace> = {}): CtsTrace {
  return {
    trace_id: traceId,
    trace_name: 'deleteBucket',
    trace_rating: 'warning',
    trace_type: 'ApiCall',
    service_type: 'OBS',
    resource_type: 'bucket',
    resource_id: 'b-1',
    resource_name: 'backups',
    user: { id: 'u-1', name: 'alice', domain: { id: 'd-1', name: 'OTC-EU-DE-1' } },
    source_ip: '10.0.0.7',
    request: '{"force":true}',
    response: '{}',
    code: '204',
    message: '',
    time: 1_767_225_600_000,
    record_time: 1_767_225_600_500,
    request_id: 'req-1',
    api_version: 'v1',
    endpoint: 'obs.eu-de.otc.t-systems.com',
    resource_url: '/backups',
    location_info: '',
    ...overrides,
  };
}

/** The tree of a query the test knows to be valid; a parse error names the query. */
export function parsedQuery(text: string): QueryNode {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.ast;
}
