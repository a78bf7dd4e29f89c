import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import '../../components/data-table.css';
import { useAuth } from '../../lib/auth-context.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { AlertSummaryView } from './alert-summary-view.tsx';
import { ChannelsTab } from './channels-tab.tsx';
import { EventsPanel } from './events-panel.tsx';
import { NotificationsTab } from './notifications-tab.tsx';
import { RulesPanel } from './rules-panel.tsx';
import { SilencesTab } from './silences-tab.tsx';
import { readAlertsState, writeAlertsState, type AlertsTab } from './url.ts';
import './alerts.css';
import './notify.css';

const TABS: { id: AlertsTab; label: string }[] = [
  { id: 'rules', label: 'Rules' },
  { id: 'events', label: 'Alert events' },
  { id: 'silences', label: 'Silences' },
  { id: 'channels', label: 'Channels' },
  { id: 'deliveries', label: 'Delivery status' },
  { id: 'summary', label: 'Summary' },
];

export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const state = readAlertsState(params);
  const { zone } = useTimeRange();
  const roles = useAuth().me?.roles ?? [];
  // Managers see alerting in counts only (the server refuses them everything else).
  if (!roles.includes('analyst') && !roles.includes('admin')) {
    return (
      <>
        <PageHeader title="Alerts" description="Alerting in counts: rules by severity and type, alerts per day, notifications by delivery status." />
        <AlertSummaryView />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Alerts" description="Rules that watch logs and the audit trail, replayed over history before they are saved, and the alerts they raised." />
      <div className="page-tabs" role="tablist" aria-label="Alerts sections">
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`alerts-tab-${item.id}`}
            aria-selected={state.tab === item.id}
            aria-controls={`alerts-panel-${item.id}`}
            className="page-tabs__tab"
            onClick={() => setParams((prev) => writeAlertsState(prev, { tab: item.id }))}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`alerts-panel-${state.tab}`} aria-labelledby={`alerts-tab-${state.tab}`}>
        {state.tab === 'rules' ? (
          <RulesPanel openRule={state.rule} zone={zone} onOpen={(rule) => setParams((prev) => writeAlertsState(prev, { rule }))} />
        ) : state.tab === 'events' ? (
          <EventsPanel filters={state.events} zone={zone} onFilters={(events) => setParams((prev) => writeAlertsState(prev, { events }))} />
        ) : state.tab === 'silences' ? (
          <SilencesTab />
        ) : state.tab === 'channels' ? (
          <ChannelsTab />
        ) : state.tab === 'summary' ? (
          <AlertSummaryView />
        ) : (
          <NotificationsTab />
        )}
      </div>
    </>
  );
}
