import { createHash, randomUUID } from 'node:crypto';
import type { AuditRecord, AuditVerification, CtsTrace, TraceRating } from '../../contract/index.ts';
import type { Database } from '../storage/embedded/sqlite.ts';
import { RepeatAggregator } from './repeat-aggregator.ts';

const GENESIS = '0'.repeat(64);

/** What happened, as a route or the auth layer reports it; who/where come from the request. */
export interface AuditEvent {
  action: string;
  rating?: TraceRating;
  actor: { id: string; name: string; kind: 'user' | 'api-token' | 'anonymous' };
  sourceIp: string;
  userAgent: string;
  resource: { type: string; id?: string; name?: string };
  /** HTTP status of the outcome. */
  code: number;
  message?: string;
  /** Query, before/after or other facts; never results, never secrets. */
  request?: unknown;
  response?: unknown;
  requestId?: string;
  path?: string;
}

export interface AuditFilter {
  from?: number;
  to?: number;
  users?: string[];
  actions?: string[];
  rating?: TraceRating;
  /** Records with seq below this (the cursor of the previous page). */
  beforeSeq?: number;
  limit: number;
}

/** Keys in a stable order, so the same record always hashes the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function chainHash(seq: number, prevHash: string, record: CtsTrace): string {
  return createHash('sha256').update(`${seq}\n${prevHash}\n${canonical(record)}`).digest('hex');
}

/**
 * Vigil's own audit trail: append-only, each record holding the hash of the one before, so an
 * edited, deleted or reordered record breaks the chain at that point.
 */
export class AuditTrail {
  readonly #db: Database;
  readonly #now: () => number;
  readonly #repeats: RepeatAggregator;
  readonly #flushTimer: ReturnType<typeof setInterval>;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
    this.#repeats = new RepeatAggregator((event) => this.append(event), now);
    this.#flushTimer = setInterval(() => this.#repeats.flush(false), 10_000);
    this.#flushTimer.unref();
  }

  /** For events that may repeat many times (refusals): repeats within a minute become one record with a count. */
  appendRepeatable(event: AuditEvent): void {
    this.#repeats.record(event);
  }

  /** Writes pending repeat counts; call before closing the database. */
  flushRepeats(): void {
    clearInterval(this.#flushTimer);
    this.#repeats.flush(true);
  }

  append(event: AuditEvent): AuditRecord {
    const time = this.#now();
    const trace: CtsTrace = {
      trace_id: randomUUID(),
      trace_name: event.action,
      trace_rating: event.rating ?? (event.code >= 400 ? 'warning' : 'normal'),
      trace_type: event.actor.kind === 'api-token' ? 'ApiCall' : 'ConsoleAction',
      service_type: 'VIGIL',
      resource_type: event.resource.type,
      resource_id: event.resource.id ?? '',
      resource_name: event.resource.name ?? '',
      user: { id: event.actor.id, name: event.actor.name, domain: { id: 'vigil', name: 'vigil' } },
      source_ip: event.sourceIp,
      request: event.request === undefined ? '' : JSON.stringify(event.request),
      response: event.response === undefined ? '' : JSON.stringify(event.response),
      code: String(event.code),
      message: event.message ?? '',
      time,
      record_time: time,
      request_id: event.requestId ?? '',
      api_version: 'v1',
      endpoint: '',
      resource_url: event.path ?? '',
      location_info: event.userAgent.slice(0, 256),
    };
    // Read the tail and insert in one write transaction, so two appends can never share a parent.
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const last = this.#db.prepare('SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1').get() as
        | { seq: number; hash: string }
        | undefined;
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS;
      const hash = chainHash(seq, prevHash, trace);
      this.#db
        .prepare(
          `INSERT INTO audit_records(seq, trace_id, time, trace_name, trace_rating, user_id, user_name, source_ip, code, record, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(seq, trace.trace_id, time, trace.trace_name, trace.trace_rating, trace.user.id, trace.user.name,
          trace.source_ip, trace.code, canonical(trace), prevHash, hash);
      this.#db.exec('COMMIT');
      return { ...trace, seq, prev_hash: prevHash, hash };
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Newest first; `limit + 1` rows are read to know whether more exist. */
  list(filter: AuditFilter): { records: AuditRecord[]; nextBeforeSeq: number | null } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (clause: string, ...values: (string | number)[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (filter.from !== undefined) add('time >= ?', filter.from);
    if (filter.to !== undefined) add('time < ?', filter.to);
    if (filter.beforeSeq !== undefined) add('seq < ?', filter.beforeSeq);
    if (filter.rating) add('trace_rating = ?', filter.rating);
    if (filter.users?.length) {
      const marks = filter.users.map(() => '?').join(', ');
      add(`(user_id IN (${marks}) OR user_name IN (${marks}))`, ...filter.users, ...filter.users);
    }
    if (filter.actions?.length) {
      add(`trace_name IN (${filter.actions.map(() => '?').join(', ')})`, ...filter.actions);
    }
    const rows = this.#db
      .prepare(
        `SELECT seq, record, prev_hash, hash FROM audit_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(...params, filter.limit + 1) as { seq: number; record: string; prev_hash: string; hash: string }[];
    const page = rows.slice(0, filter.limit);
    return {
      records: page.map((row) => ({ ...(JSON.parse(row.record) as CtsTrace), seq: row.seq, prev_hash: row.prev_hash, hash: row.hash })),
      nextBeforeSeq: rows.length > filter.limit ? (page[page.length - 1]?.seq ?? null) : null,
    };
  }

  /** Walks the whole chain from the first record and reports the first break. */
  verify(): AuditVerification {
    let expectedSeq = 1;
    let prevHash = GENESIS;
    let checked = 0;
    const verifiedAt = this.#now();
    const broken = (seq: number, reason: string): AuditVerification => ({
      intact: false,
      checked,
      intactUpTo: expectedSeq - 1,
      firstBroken: { seq, reason },
      verifiedAt,
    });
    for (const row of this.#db.prepare('SELECT seq, trace_id, record, prev_hash, hash FROM audit_records ORDER BY seq').iterate() as Iterable<{
      seq: number;
      trace_id: string;
      record: string;
      prev_hash: string;
      hash: string;
    }>) {
      checked++;
      if (row.seq !== expectedSeq) return broken(expectedSeq, `record ${expectedSeq} is missing (next is ${row.seq})`);
      if (row.prev_hash !== prevHash) return broken(row.seq, 'does not link to the record before it (reordered or replaced)');
      let trace: CtsTrace;
      try {
        trace = JSON.parse(row.record) as CtsTrace;
      } catch {
        return broken(row.seq, 'record content is not valid JSON');
      }
      if (trace.trace_id !== row.trace_id || chainHash(row.seq, prevHash, trace) !== row.hash) {
        return broken(row.seq, 'content does not match its hash (edited)');
      }
      prevHash = row.hash;
      expectedSeq++;
    }
    return { intact: true, checked, intactUpTo: expectedSeq - 1, firstBroken: null, verifiedAt };
  }
}
