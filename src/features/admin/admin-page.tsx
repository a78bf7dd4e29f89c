import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import '../../components/data-table.css';
import { AuditPanel } from './audit-panel.tsx';
import { ForwardersPanel } from './forwarders-panel.tsx';
import { IngestPanel } from './ingest-panel.tsx';
import { TokensPanel } from './tokens-panel.tsx';
import { readAdminState, writeAdminState, type AdminTab } from './url.ts';
import './admin.css';

const TABS: { id: AdminTab; label: string }[] = [
  { id: 'audit', label: 'Vigil audit' },
  { id: 'tokens', label: 'API tokens' },
  { id: 'ingest', label: 'Ingest' },
  { id: 'forwarders', label: 'Forwarders' },
];

export function AdminPage() {
  const [params, setParams] = useSearchParams();
  const { tab } = readAdminState(params);
  return (
    <>
      <PageHeader title="Admin" description="Vigil's own hash-chained audit trail, API tokens for automation, and live ingest receivers and SIEM forwarders." />
      <div className="page-tabs" role="tablist" aria-label="Admin sections">
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`admin-tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls={`admin-panel-${item.id}`}
            className="page-tabs__tab"
            onClick={() => setParams((prev) => writeAdminState(prev, { tab: item.id, selected: null }))}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'audit' ? <AuditPanel /> : tab === 'tokens' ? <TokensPanel /> : tab === 'ingest' ? <IngestPanel /> : <ForwardersPanel />}
      </div>
    </>
  );
}
