/** Appending CTS traces (writer worker): one transaction, trace_ids already stored are skipped. */
import { z } from 'zod';
import { ctsTraceSchema } from '../../../../contract/schemas/traces.ts';
import type { CtsTrace } from '../../../../contract/schemas/traces.ts';
import type { ImportProgress, TraceAppendResult } from '../../ports.ts';
import { transaction } from '../sqlite.ts';
import { assertProgress, createCursorWriter } from './progress.ts';
import type { Database } from '../sqlite.ts';

const traceBatch = z.array(ctsTraceSchema);

function checkedTraces(traces: unknown): CtsTrace[] {
  const parsed = traceBatch.safeParse(traces);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [index, ...field] = issue.path;
  const where = typeof index === 'number' ? `at index ${index}${field.length ? ` (${field.join('.')})` : ''}` : '';
  throw new Error(`invalid trace ${where}: ${issue.message}; batch rejected, nothing written`);
}

export function createTraceWriter(db: Database) {
  const insert = db.prepare(`
    INSERT INTO traces(trace_id, trace_name, trace_rating, trace_type, service_type, resource_type,
      resource_id, resource_name, user_id, user_name, domain_id, domain_name, source_ip, request,
      response, code, message, time, record_time, request_id, api_version, endpoint, resource_url,
      location_info)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(trace_id) DO NOTHING`);
  const addToCount = db.prepare("UPDATE counters SET n = n + ? WHERE name = 'traces'");
  const cursors = createCursorWriter(db);

  return {
    appendTraces(input: readonly CtsTrace[], made?: ImportProgress): TraceAppendResult {
      const traces = checkedTraces(input);
      assertProgress(made);
      if (traces.length === 0) {
        if (made) transaction(db, () => cursors.recordProgress(made));
        return { inserted: 0, duplicates: [] };
      }
      return transaction(db, () => {
        if (made) cursors.recordProgress(made);
        const duplicates: string[] = [];
        for (const t of traces) {
          const { changes } = insert.run(
            t.trace_id, t.trace_name, t.trace_rating, t.trace_type, t.service_type, t.resource_type,
            t.resource_id, t.resource_name, t.user.id, t.user.name, t.user.domain.id, t.user.domain.name,
            t.source_ip, t.request, t.response, t.code, t.message, BigInt(t.time), BigInt(t.record_time),
            t.request_id, t.api_version, t.endpoint, t.resource_url, t.location_info,
          );
          if (Number(changes) === 0) duplicates.push(t.trace_id);
        }
        const inserted = traces.length - duplicates.length;
        addToCount.run(BigInt(inserted));
        return { inserted, duplicates };
      });
    },
  };
}
