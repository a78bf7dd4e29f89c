/**
 * OTLP/JSON (the protobuf JSON mapping with lowerCamelCase names, 64-bit integers as strings,
 * trace and span ids as hex). snake_case names are accepted too, as some senders use them.
 */
import { emptyRecord, OtlpDecodeError, type AnyValue, type OtlpLogRecord, type OtlpResourceLogs } from './model.ts';

type Json = Record<string, unknown>;
const MAX_DEPTH = 16;

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
function arr(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${where} must be an array`);
  return value;
}
function field(o: Json, camel: string, snake: string): unknown {
  return o[camel] ?? o[snake];
}

export function decodeLogsJson(text: string): OtlpResourceLogs[] {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`invalid JSON: ${(error as Error).message}`);
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new OtlpDecodeError('the body must be a JSON object (ExportLogsServiceRequest)');
  return arr(field(root as Json, 'resourceLogs', 'resource_logs'), 'resourceLogs').map((rl, i) => {
    const r = obj(rl);
    return {
      resource: attributes(field(obj(r.resource), 'attributes', 'attributes'), `resourceLogs[${i}].resource.attributes`, 0),
      scopes: arr(field(r, 'scopeLogs', 'scope_logs'), `resourceLogs[${i}].scopeLogs`).map((sl, j) => {
        const s = obj(sl);
        const scope = obj(s.scope);
        return {
          scopeName: typeof scope.name === 'string' ? scope.name : '',
          scopeVersion: typeof scope.version === 'string' ? scope.version : '',
          records: arr(field(s, 'logRecords', 'log_records'), `resourceLogs[${i}].scopeLogs[${j}].logRecords`).map((lr, k) =>
            record(obj(lr), `resourceLogs[${i}].scopeLogs[${j}].logRecords[${k}]`),
          ),
        };
      }),
    };
  });
}

function record(o: Json, where: string): OtlpLogRecord {
  const rec = emptyRecord();
  rec.timeUnixNano = nanos(field(o, 'timeUnixNano', 'time_unix_nano'), `${where}.timeUnixNano`);
  rec.observedTimeUnixNano = nanos(field(o, 'observedTimeUnixNano', 'observed_time_unix_nano'), `${where}.observedTimeUnixNano`);
  const severity = field(o, 'severityNumber', 'severity_number');
  if (typeof severity === 'number') rec.severityNumber = severity;
  else if (typeof severity === 'string') rec.severityNumber = SEVERITY_NAMES.indexOf(severity.replace(/^SEVERITY_NUMBER_/, '')) + 1;
  const text = field(o, 'severityText', 'severity_text');
  if (typeof text === 'string') rec.severityText = text;
  rec.body = anyValue(o.body, 0);
  rec.attributes = attributes(o.attributes, `${where}.attributes`, 0);
  const traceId = field(o, 'traceId', 'trace_id');
  if (typeof traceId === 'string') rec.traceId = traceId.slice(0, 64);
  const spanId = field(o, 'spanId', 'span_id');
  if (typeof spanId === 'string') rec.spanId = spanId.slice(0, 32);
  const eventName = field(o, 'eventName', 'event_name');
  if (typeof eventName === 'string') rec.eventName = eventName;
  return rec;
}

const SEVERITY_NAMES = ['TRACE', 'TRACE2', 'TRACE3', 'TRACE4', 'DEBUG', 'DEBUG2', 'DEBUG3', 'DEBUG4', 'INFO', 'INFO2', 'INFO3', 'INFO4',
  'WARN', 'WARN2', 'WARN3', 'WARN4', 'ERROR', 'ERROR2', 'ERROR3', 'ERROR4', 'FATAL', 'FATAL2', 'FATAL3', 'FATAL4'];

function nanos(value: unknown, where: string): bigint {
  if (value === undefined || value === null || value === '' || value === 0) return 0n;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return BigInt(Math.floor(value));
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return BigInt(value);
  throw new OtlpDecodeError(`${where} must be unsigned nanoseconds (a decimal string), got ${JSON.stringify(value).slice(0, 40)}`);
}

function attributes(value: unknown, where: string, depth: number): Record<string, AnyValue> {
  const out: Record<string, AnyValue> = {};
  for (const kv of arr(value, where)) {
    const o = obj(kv);
    if (typeof o.key !== 'string') continue;
    out[o.key] = anyValue(o.value, depth + 1);
  }
  return out;
}

function anyValue(value: unknown, depth: number): AnyValue {
  if (depth > MAX_DEPTH) throw new OtlpDecodeError(`values nested deeper than ${MAX_DEPTH}`);
  const o = obj(value);
  const s = field(o, 'stringValue', 'string_value');
  if (typeof s === 'string') return s;
  const b = field(o, 'boolValue', 'bool_value');
  if (typeof b === 'boolean') return b;
  const i = field(o, 'intValue', 'int_value');
  if (typeof i === 'string' || typeof i === 'number') {
    const n = Number(i);
    return Number.isSafeInteger(n) ? n : String(i);
  }
  const d = field(o, 'doubleValue', 'double_value');
  if (typeof d === 'number' || typeof d === 'string') return Number(d);
  const a = field(o, 'arrayValue', 'array_value');
  if (a !== undefined) return arr(obj(a).values, 'arrayValue.values').map((v) => anyValue(v, depth + 1));
  const kv = field(o, 'kvlistValue', 'kvlist_value');
  if (kv !== undefined) return attributes(obj(kv).values, 'kvlistValue.values', depth + 1);
  const bytes = field(o, 'bytesValue', 'bytes_value');
  if (typeof bytes === 'string') return bytes;
  return null;
}
