/**
 * OTLP log records to Vigil lines: resource and scope attributes become labels in the LTS
 * vocabulary where one exists (service.name → appName, host.name → hostName, …), the severity
 * becomes the level, the body the content. Attributes of the record win over the resource's.
 */
import type { RawRecord } from '../pipeline/normalize.ts';
import type { AnyValue, OtlpLogRecord, OtlpResourceLogs } from './model.ts';

const LTS_LABELS: Record<string, string> = {
  'service.name': 'appName',
  'host.name': 'hostName',
  'host.ip': 'hostIP',
  'host.id': 'hostId',
  'log.file.path': 'pathFile',
  'k8s.pod.name': 'podName',
  'k8s.namespace.name': 'nameSpace',
  'k8s.container.name': 'containerName',
  'container.name': 'containerName',
  'k8s.cluster.name': 'clusterName',
};

/** Resource attributes that choose the destination instead of becoming labels. */
export const GROUP_ATTRIBUTE = 'vigil.log_group';
export const STREAM_ATTRIBUTE = 'vigil.log_stream';

export interface OtlpLine {
  /** From the resource's vigil.log_group / vigil.log_stream, when set. */
  group: string | null;
  stream: string | null;
  /** service.name, the default stream. */
  service: string | null;
  record: RawRecord;
}

function text(value: AnyValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function levelOf(severityNumber: number, severityText: string): string | null {
  if (severityNumber >= 1 && severityNumber <= 8) return 'DEBUG';
  if (severityNumber >= 9 && severityNumber <= 12) return 'INFO';
  if (severityNumber >= 13 && severityNumber <= 16) return 'WARN';
  if (severityNumber >= 17 && severityNumber <= 24) return 'ERROR';
  const word = severityText.trim().toUpperCase();
  if (/^(TRACE|DEBUG|FINE)/.test(word)) return 'DEBUG';
  if (/^(INFO|NOTICE)/.test(word)) return 'INFO';
  if (/^WARN/.test(word)) return 'WARN';
  if (/^(ERR|FATAL|CRIT|ALERT|EMERG|SEVERE)/.test(word)) return 'ERROR';
  return null;
}

function addAttributes(labels: Record<string, string>, attributes: Record<string, AnyValue>): void {
  for (const [key, value] of Object.entries(attributes)) {
    if (key === GROUP_ATTRIBUTE || key === STREAM_ATTRIBUTE) continue;
    labels[LTS_LABELS[key] ?? key] = text(value);
  }
}

function millis(nanos: bigint): number | null {
  return nanos > 0n ? Number(nanos / 1_000_000n) : null;
}

export function otlpLines(resources: readonly OtlpResourceLogs[]): OtlpLine[] {
  const out: OtlpLine[] = [];
  for (const resource of resources) {
    const group = resource.resource[GROUP_ATTRIBUTE];
    const stream = resource.resource[STREAM_ATTRIBUTE];
    const service = resource.resource['service.name'];
    for (const scope of resource.scopes) {
      for (const rec of scope.records) {
        out.push({
          group: typeof group === 'string' ? group : null,
          stream: typeof stream === 'string' ? stream : null,
          service: typeof service === 'string' ? service : null,
          record: toRecord(resource, scope.scopeName, rec),
        });
      }
    }
  }
  return out;
}

function toRecord(resource: OtlpResourceLogs, scopeName: string, rec: OtlpLogRecord): RawRecord {
  const labels: Record<string, string> = { category: 'OTLP' };
  addAttributes(labels, resource.resource);
  if (scopeName) labels['otel.scope'] = scopeName;
  addAttributes(labels, rec.attributes);
  const level = levelOf(rec.severityNumber, rec.severityText);
  if (level) labels.level = level;
  if (rec.severityText) labels.severityText = rec.severityText;
  if (rec.traceId) labels.traceId = rec.traceId;
  if (rec.spanId) labels.spanId = rec.spanId;
  if (rec.eventName) labels.eventName = rec.eventName;
  return { time: millis(rec.timeUnixNano) ?? millis(rec.observedTimeUnixNano), content: text(rec.body), labels };
}
