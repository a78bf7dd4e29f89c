import { NotBuiltView } from '../../components/not-built-view.tsx';

export function CompliancePage() {
  return (
    <NotBuiltView
      title="Compliance"
      summary="Compliance dashboards and evidence reports, with personal data masked."
      plans={[
        'Check retention coverage, audit-trail integrity and access activity against your controls.',
        'See aggregated trends over the time range in the header.',
        'Export evidence reports and schedule them.',
      ]}
    />
  );
}
