import { NotBuiltView } from '../../components/not-built-view.tsx';

export function AuditPage() {
  return (
    <NotBuiltView
      title="Audit trail"
      summary="Explore Cloud Trace Service (CTS) records: who did what to which resource, and from where."
      plans={[
        'Filter traces by user, service, resource type and name, source IP, operation and rating (normal, warning, incident).',
        'Open a trace to read its request, response, status code and request ID.',
        'Follow one user or one resource over the time range in the header.',
      ]}
    />
  );
}
