import { PageHeader } from '../../components/page-header.tsx';
import { endpoints } from '../../contract/endpoints.ts';
import { allows } from '../../contract/roles.ts';
import { useOptionalAuth } from '../../lib/auth-context.ts';
import { AnomalyOverview } from './anomaly-overview.tsx';
import { AnomalyTrend } from './anomaly-trend.tsx';
import './anomalies.css';

export function AnomaliesPage() {
  const roles = useOptionalAuth()?.me?.roles ?? [];
  // Who may see single anomalies is the endpoint table's decision; everyone else who reaches
  // this view (managers) gets the counts per day and severity.
  const explores = allows(endpoints.listAnomalies.access, roles);
  return (
    <div className="page anomalies-page">
      <PageHeader
        title="Anomalies"
        description={
          explores
            ? 'What is unusual in log volumes, error ratios and audit behaviour, against each series’ own weekly rhythm.'
            : 'Anomalies per day by severity. Streams and users are not shown for your role.'
        }
      />
      {explores ? <AnomalyOverview /> : <AnomalyTrend />}
    </div>
  );
}
