/** OTLP log records after decoding, the same for JSON and protobuf. */

export type AnyValue = string | number | boolean | null | AnyValue[] | { [key: string]: AnyValue };

export interface OtlpLogRecord {
  /** Epoch nanoseconds; 0n when unset. */
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: AnyValue;
  attributes: Record<string, AnyValue>;
  traceId: string;
  spanId: string;
  eventName: string;
}

export interface OtlpScopeLogs {
  scopeName: string;
  scopeVersion: string;
  records: OtlpLogRecord[];
}

export interface OtlpResourceLogs {
  resource: Record<string, AnyValue>;
  scopes: OtlpScopeLogs[];
}

export class OtlpDecodeError extends Error {}

export function emptyRecord(): OtlpLogRecord {
  return { timeUnixNano: 0n, observedTimeUnixNano: 0n, severityNumber: 0, severityText: '', body: null, attributes: {}, traceId: '', spanId: '', eventName: '' };
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
