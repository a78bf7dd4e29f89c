import { PageHeader } from '../../components/page-header.tsx';
import { endpoints } from '../../contract/endpoints.ts';
import { allows } from '../../contract/roles.ts';
import { useOptionalAuth } from '../../lib/auth-context.ts';
import { AuditExplorer } from './audit-explorer.tsx';
import { AuditTrends } from './audit-trends.tsx';
import '../../components/data-table.css';
import './audit.css';

export function AuditPage() {
  // Without a sign-in provider (the bare shell in tests) nobody is known: the masked timeline.
  const roles = useOptionalAuth()?.me?.roles ?? [];
  // The endpoint table says who may read single operations; everyone else who reaches this view
  // (managers) gets the masked, aggregated timeline.
  const explores = allows(endpoints.listTraces.access, roles);
  return (
    <div className="page audit-page">
      <PageHeader
        title="Audit trail"
        description={
          explores
            ? 'Cloud Trace Service operations: who did what to which resource, and from where.'
            : 'Cloud Trace Service operations over time. Users and addresses are masked for your role.'
        }
      />
      {explores ? <AuditExplorer /> : <AuditTrends />}
    </div>
  );
}
