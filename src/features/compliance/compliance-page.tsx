import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Panel } from '../../components/panel.tsx';
import { SegmentedControl } from '../../components/segmented-control.tsx';
import '../../components/data-table.css';
import type { FrameworkId } from '../../contract/schemas/compliance.ts';
import { complianceQueries } from './api.ts';
import { CheckDrawer } from './check-drawer.tsx';
import { ChecksList } from './checks-list.tsx';
import { ControlsTable } from './controls-table.tsx';
import { EvidenceActions } from './evidence-actions.tsx';
import { PolicyPanel } from './policy-panel.tsx';
import { SchedulesPanel } from './schedules-panel.tsx';
import { ScoreSummary } from './score-summary.tsx';
import { TrendPanel } from './trend-panel.tsx';
import { readComplianceState, writeComplianceState, type ComplianceViewState } from './url.ts';
import './compliance.css';

const FRAMEWORK_OPTIONS: { value: FrameworkId; label: string }[] = [
  { value: 'iso27001', label: 'ISO 27001' },
  { value: 'c5', label: 'BSI C5' },
  { value: 'gdpr', label: 'GDPR' },
];

export function CompliancePage() {
  const [params, setParams] = useSearchParams();
  const state = readComplianceState(params);
  const update = (patch: Partial<ComplianceViewState>) => setParams((prev) => writeComplianceState(prev, patch));
  const frameworks = useQuery(complianceQueries.frameworks());
  const status = useQuery(complianceQueries.status(state.framework));
  return (
    <div className="compliance-page">
      <PageHeader
        title="Compliance"
        description="Logging and audit controls evaluated from live state, with evidence an auditor can verify offline. People appear as pseudonyms for managers."
        actions={<EvidenceActions framework={state.framework} days={state.days} />}
      />
      <div className="compliance-toolbar">
        <SegmentedControl legend="Framework" value={state.framework} options={FRAMEWORK_OPTIONS} onChange={(framework) => update({ framework })} />
      </div>
      {status.isPending && <LoadingState label="Evaluating the checks…" />}
      {status.isError && <ErrorState title="Could not evaluate compliance" error={status.error} onRetry={() => void status.refetch()} />}
      {status.data && (
        <div className={state.check ? 'compliance-layout compliance-layout--drawer' : 'compliance-layout'}>
          <div className="compliance-main">
            <ScoreSummary status={status.data} scoring={frameworks.data?.scoring ?? ''} />
            <Panel title="Controls" meta={`${status.data.controls.length} controls`}>
              <ControlsTable controls={status.data.controls} checks={status.data.checks} onOpen={(check) => update({ check })} />
            </Panel>
            <Panel title="Checks">
              <ChecksList checks={status.data.checks} onOpen={(check) => update({ check })} />
            </Panel>
            <TrendPanel framework={state.framework} days={state.days} checks={status.data.checks} onDays={(days) => update({ days })} />
            <div className="compliance-secondary">
              <SchedulesPanel framework={state.framework} />
              <PolicyPanel />
            </div>
          </div>
          {state.check && <CheckDrawer checkId={state.check} onClose={() => update({ check: null })} />}
        </div>
      )}
    </div>
  );
}
