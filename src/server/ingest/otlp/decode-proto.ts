/**
 * OTLP/HTTP protobuf: ExportLogsServiceRequest (opentelemetry/proto/collector/logs/v1) walked
 * with the wire reader. Field numbers are those of opentelemetry-proto's logs.proto and
 * common.proto; fields Vigil does not use are skipped.
 */
import { ProtoReader, ProtobufError, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf.ts';
import { emptyRecord, hex, OtlpDecodeError, type AnyValue, type OtlpLogRecord, type OtlpResourceLogs, type OtlpScopeLogs } from './model.ts';

const MAX_DEPTH = 16;

export function decodeLogsProto(buf: Uint8Array): OtlpResourceLogs[] {
  try {
    const out: OtlpResourceLogs[] = [];
    const r = new ProtoReader(buf);
    while (!r.done()) {
      const { field, wire } = r.tag();
      if (field === 1 && wire === WIRE_LEN) out.push(resourceLogs(r.sub()));
      else r.skip(wire);
    }
    return out;
  } catch (error) {
    if (error instanceof ProtobufError) throw new OtlpDecodeError(`invalid protobuf: ${error.message}`);
    throw error;
  }
}

function resourceLogs(r: ProtoReader): OtlpResourceLogs {
  const result: OtlpResourceLogs = { resource: {}, scopes: [] };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) {
      const res = r.sub();
      while (!res.done()) {
        const t = res.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) keyValue(res.sub(), result.resource, 0);
        else res.skip(t.wire);
      }
    } else if (field === 2 && wire === WIRE_LEN) result.scopes.push(scopeLogs(r.sub()));
    else r.skip(wire);
  }
  return result;
}

function scopeLogs(r: ProtoReader): OtlpScopeLogs {
  const result: OtlpScopeLogs = { scopeName: '', scopeVersion: '', records: [] };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) {
      const scope = r.sub();
      while (!scope.done()) {
        const t = scope.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) result.scopeName = scope.string();
        else if (t.field === 2 && t.wire === WIRE_LEN) result.scopeVersion = scope.string();
        else scope.skip(t.wire);
      }
    } else if (field === 2 && wire === WIRE_LEN) result.records.push(logRecord(r.sub()));
    else r.skip(wire);
  }
  return result;
}

function logRecord(r: ProtoReader): OtlpLogRecord {
  const rec = emptyRecord();
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_FIXED64) rec.timeUnixNano = r.fixed64();
    else if (field === 11 && wire === WIRE_FIXED64) rec.observedTimeUnixNano = r.fixed64();
    else if (field === 2 && wire === WIRE_VARINT) rec.severityNumber = Number(r.varint() & 0xffn);
    else if (field === 3 && wire === WIRE_LEN) rec.severityText = r.string();
    else if (field === 5 && wire === WIRE_LEN) rec.body = anyValue(r.sub(), 0);
    else if (field === 6 && wire === WIRE_LEN) keyValue(r.sub(), rec.attributes, 0);
    else if (field === 9 && wire === WIRE_LEN) rec.traceId = hex(r.bytes());
    else if (field === 10 && wire === WIRE_LEN) rec.spanId = hex(r.bytes());
    else if (field === 12 && wire === WIRE_LEN) rec.eventName = r.string();
    else r.skip(wire);
  }
  return rec;
}

function keyValue(r: ProtoReader, into: Record<string, AnyValue>, depth: number): void {
  let key = '';
  let value: AnyValue = null;
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) key = r.string();
    else if (field === 2 && wire === WIRE_LEN) value = anyValue(r.sub(), depth + 1);
    else r.skip(wire);
  }
  into[key] = value;
}

function anyValue(r: ProtoReader, depth: number): AnyValue {
  if (depth > MAX_DEPTH) throw new ProtobufError(`values nested deeper than ${MAX_DEPTH}`, r.pos);
  let value: AnyValue = null;
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) value = r.string();
    else if (field === 2 && wire === WIRE_VARINT) value = r.varint() !== 0n;
    else if (field === 3 && wire === WIRE_VARINT) value = signed64(r.varint());
    else if (field === 4 && wire === WIRE_FIXED64) value = r.double();
    else if (field === 5 && wire === WIRE_LEN) {
      const list: AnyValue[] = [];
      const arr = r.sub();
      while (!arr.done()) {
        const t = arr.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) list.push(anyValue(arr.sub(), depth + 1));
        else arr.skip(t.wire);
      }
      value = list;
    } else if (field === 6 && wire === WIRE_LEN) {
      const obj: Record<string, AnyValue> = {};
      const kv = r.sub();
      while (!kv.done()) {
        const t = kv.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) keyValue(kv.sub(), obj, depth + 1);
        else kv.skip(t.wire);
      }
      value = obj;
    } else if (field === 7 && wire === WIRE_LEN) value = Buffer.from(r.bytes()).toString('base64');
    else r.skip(wire);
  }
  return value;
}

/** int64 on the wire is two's complement in a 64-bit varint; past 2^53 it is kept as text. */
function signed64(raw: bigint): number | string {
  const value = raw >= 1n << 63n ? raw - (1n << 64n) : raw;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}
