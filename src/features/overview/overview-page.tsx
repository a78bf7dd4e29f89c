import { PageHeader } from '../../components/page-header.tsx';
import { LogGroupsPanel } from './log-groups-panel.tsx';
import { StoreStatusPanel } from './store-status-panel.tsx';
import '../../components/data-table.css';
import './overview.css';

export function OverviewPage() {
  return (
    <div className="page">
      <PageHeader
        title="Overview"
        description="What Vigil’s store holds right now, and how long each log group keeps its lines."
      />
      <StoreStatusPanel />
      <LogGroupsPanel />
    </div>
  );
}
