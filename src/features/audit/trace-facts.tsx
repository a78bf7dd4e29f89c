import type { CtsTrace } from '../../contract/schemas/traces.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { CopyButton } from './copy-button.tsx';
import { VisibleText } from './visible-text.tsx';

interface Fact {
  label: string;
  value: string;
  /** Identifiers worth pasting elsewhere (tickets, other consoles) get a copy button. */
  copy?: boolean;
}

function factsOf(trace: CtsTrace, zone: TimeZoneMode): Fact[] {
  return [
    { label: 'Time', value: formatDateTime(trace.time, zone) },
    { label: 'Recorded', value: formatDateTime(trace.record_time, zone) },
    { label: 'User', value: trace.user.name, copy: true },
    { label: 'User id', value: trace.user.id, copy: true },
    { label: 'Domain', value: `${trace.user.domain.name} (${trace.user.domain.id})` },
    { label: 'Source IP', value: trace.source_ip, copy: true },
    { label: 'Service', value: trace.service_type },
    { label: 'Operation', value: trace.trace_name },
    { label: 'Type', value: trace.trace_type },
    { label: 'Resource type', value: trace.resource_type },
    { label: 'Resource name', value: trace.resource_name },
    { label: 'Resource id', value: trace.resource_id, copy: true },
    { label: 'Resource URL', value: trace.resource_url },
    { label: 'Endpoint', value: trace.endpoint },
    { label: 'API version', value: trace.api_version },
    { label: 'Code', value: trace.code },
    { label: 'Message', value: trace.message },
    { label: 'Request id', value: trace.request_id, copy: true },
    { label: 'Trace id', value: trace.trace_id, copy: true },
    { label: 'Client', value: trace.location_info },
  ];
}

/** Every field of the record, as text; empty fields say so rather than vanish. */
export function TraceFacts({ trace, zone }: { trace: CtsTrace; zone: TimeZoneMode }) {
  return (
    <dl className="trace-facts">
      {factsOf(trace, zone).map((fact) => (
        <div key={fact.label} className="trace-facts__row">
          <dt>{fact.label}</dt>
          <dd>
            {fact.value === '' ? <span className="table__muted">—</span> : <VisibleText value={fact.value} />}
            {fact.copy && fact.value !== '' && <CopyButton value={fact.value} label={`Copy ${fact.label.toLowerCase()}`} />}
          </dd>
        </div>
      ))}
    </dl>
  );
}
