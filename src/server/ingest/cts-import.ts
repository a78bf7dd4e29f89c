/**
 * Imports CTS trace files as CTS writes them to OBS: a JSON array of trace records, usually
 * gzipped (`…_CloudTrace_….json.gz`). The documented variations are accepted (user, request and
 * response as JSON strings or as objects, code and times as numbers or strings, legacy
 * `trace_status` for `trace_rating`, a `{ "traces": [...] }` page from the query API); each
 * record is then checked against the trace schema, and the ones that fail are reported with
 * their reason. A file is written in one transaction: all its valid records or nothing, never
 * part of it; trace_ids already stored are skipped and reported as duplicates.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ctsTraceSchema, type CtsTrace } from '../../contract/index.ts';
import type { Store } from '../storage/ports.ts';
import { identifyFile, planResume, progressRecord } from './progress.ts';

/** Bounds against a wrong file or a gzip bomb; CTS writes files of a few MB at most. */
export const MAX_CTS_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_CTS_JSON_BYTES = 1024 * 1024 * 1024;

export interface RejectedRecord {
  /** Position in the file's array, from 0. */
  index: number;
  traceId: string | null;
  reason: string;
}

export interface CtsFileReport {
  file: string;
  records: number;
  imported: number;
  /** trace_ids already stored (or repeated in the file); not written again. */
  duplicates: string[];
  rejected: RejectedRecord[];
  /** Why nothing of the file was written (unreadable, not a trace file, strict mode); else null. */
  notImported: string | null;
  /** When an earlier run imported this same file (same content): nothing was done this time. */
  alreadyImportedAt: number | null;
  durationMs: number;
}

export interface CtsImportOptions {
  /** Write nothing from a file with any invalid record. */
  strict?: boolean;
  /** Import again even if this file was imported before. */
  force?: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const OPTIONAL_TEXT = ['resource_type', 'resource_id', 'resource_name', 'source_ip', 'message', 'request_id', 'api_version', 'endpoint', 'resource_url', 'location_info'] as const;

function asBody(value: unknown): unknown {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function asTime(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
}

/**
 * Bounds of free-text fields on import. Who did it (user and domain) is shown in every list row,
 * so it must stay short; bodies and messages are shown in the detail view only. CTS itself writes
 * far less; a record beyond these is refused with the field named, not cut.
 */
export const CTS_FIELD_LIMITS = { user: 256, message: 8 * 1024, body: 256 * 1024 } as const;

function oversizedField(trace: CtsTrace): string | null {
  const checks: [string, string, number][] = [
    ['user.name', trace.user.name, CTS_FIELD_LIMITS.user],
    ['user.id', trace.user.id, CTS_FIELD_LIMITS.user],
    ['user.domain.name', trace.user.domain.name, CTS_FIELD_LIMITS.user],
    ['user.domain.id', trace.user.domain.id, CTS_FIELD_LIMITS.user],
    ['message', trace.message, CTS_FIELD_LIMITS.message],
    ['request', trace.request, CTS_FIELD_LIMITS.body],
    ['response', trace.response, CTS_FIELD_LIMITS.body],
  ];
  for (const [field, value, max] of checks) {
    if (value.length > max) return `${field}: ${value.length} characters, at most ${max} are accepted`;
  }
  return null;
}

/** The record in the shape of ctsTraceSchema, or the reason it cannot be. */
export function normalizeCtsRecord(record: unknown): { trace: CtsTrace } | { reason: string } {
  if (!isObject(record)) return { reason: 'not a JSON object' };
  let user = record.user;
  if (typeof user === 'string') {
    try {
      user = JSON.parse(user);
    } catch {
      return { reason: 'user: a string that is not JSON' };
    }
  }
  if (!isObject(user)) return { reason: 'user: missing or not an object' };
  const domain = isObject(user.domain) ? user.domain : {};
  const candidate: Record<string, unknown> = {
    ...record,
    trace_rating: record.trace_rating ?? record.trace_status,
    user: { id: user.id ?? '', name: user.name ?? '', domain: { id: domain.id ?? '', name: domain.name ?? '' } },
    request: asBody(record.request),
    response: asBody(record.response),
    code: typeof record.code === 'number' ? String(record.code) : (record.code ?? ''),
    time: asTime(record.time),
    record_time: asTime(record.record_time ?? record.time),
  };
  for (const field of OPTIONAL_TEXT) candidate[field] ??= '';
  const parsed = ctsTraceSchema.safeParse(candidate);
  if (parsed.success) {
    const tooLong = oversizedField(parsed.data);
    return tooLong === null ? { trace: parsed.data } : { reason: tooLong };
  }
  const issue = parsed.error.issues[0]!;
  return { reason: `${issue.path.join('.') || 'record'}: ${issue.message}` };
}

class NotImported extends Error {}

async function readRecords(file: string): Promise<unknown[]> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new NotImported(error.code === 'ENOENT' ? 'no such file' : `cannot read it: ${error.message}`);
  });
  if (!info.isFile()) throw new NotImported('not a regular file');
  if (info.size > MAX_CTS_FILE_BYTES) throw new NotImported(`larger than ${MAX_CTS_FILE_BYTES} bytes`);
  let bytes = await readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_CTS_JSON_BYTES });
    } catch (error) {
      throw new NotImported(`not valid gzip: ${(error as Error).message}`);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new NotImported(`not JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(data)) return data;
  if (isObject(data) && Array.isArray(data.traces)) return data.traces;
  throw new NotImported('not a CTS trace file: expected a JSON array of traces (or an object with a "traces" array)');
}

export async function importCtsFile(store: Store, path: string, options: CtsImportOptions = {}): Promise<CtsFileReport> {
  const started = performance.now();
  const file = resolve(path);
  const report: CtsFileReport = { file, records: 0, imported: 0, duplicates: [], rejected: [], notImported: null, alreadyImportedAt: null, durationMs: 0 };
  const finish = () => ({ ...report, durationMs: Math.round(performance.now() - started) });
  let records: unknown[];
  try {
    records = await readRecords(file);
  } catch (error) {
    if (!(error instanceof NotImported)) throw error;
    report.notImported = error.message;
    return finish();
  }
  report.records = records.length;
  // A trace file is written in one transaction, so its progress is all or nothing: imported
  // (recorded with the traces, identified by a hash of the whole file) or not.
  const source = `cts:${file}`;
  const identity = await identifyFile(file, Number.MAX_SAFE_INTEGER);
  const stored = store.logs.importProgress ? await store.logs.importProgress(source) : null;
  const plan = await planResume(file, stored, options.force ?? false);
  if (plan.kind === 'done') {
    report.alreadyImportedAt = plan.record.updatedAt;
    return finish();
  }
  const valid: CtsTrace[] = [];
  records.forEach((record, index) => {
    const result = normalizeCtsRecord(record);
    if ('trace' in result) valid.push(result.trace);
    else {
      const traceId = isObject(record) && typeof record.trace_id === 'string' ? record.trace_id : null;
      report.rejected.push({ index, traceId, reason: result.reason });
    }
  });
  if (options.strict && report.rejected.length > 0) {
    report.notImported = `${report.rejected.length} invalid ${report.rejected.length === 1 ? 'record' : 'records'} (strict mode)`;
    return finish();
  }
  // One call is one transaction in the store: the whole file lands, or nothing of it.
  const progress = progressRecord(source, identity, { bytes: identity.size, lines: records.length, lastTime: null, complete: true }, Date.now());
  const result = await store.traces.appendTraces(valid, progress);
  report.imported = result.inserted;
  report.duplicates = result.duplicates;
  return finish();
}
