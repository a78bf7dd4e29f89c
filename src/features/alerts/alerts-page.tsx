import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import '../../components/data-table.css';
import { ChannelsTab } from './channels-tab.tsx';
import { NotificationsTab } from './notifications-tab.tsx';
import { NOTIFY_TABS, type NotifyTab } from './notify-url.ts';
import { SilencesTab } from './silences-tab.tsx';
import './notify.css';

const LABELS: Record<NotifyTab, string> = { channels: 'Channels', silences: 'Silences', deliveries: 'Delivery status' };

export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: NotifyTab = NOTIFY_TABS.includes(requested as NotifyTab) ? (requested as NotifyTab) : 'channels';
  return (
    <>
      <PageHeader title="Alerts" description="Where alerts are sent, what is silenced, and whether each notification arrived." />
      <div className="notify-tabs" role="tablist" aria-label="Alerts sections">
        {NOTIFY_TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`alerts-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`alerts-panel-${id}`}
            className="notify-tabs__tab"
            onClick={() => setParams(new URLSearchParams(id === 'channels' ? {} : { tab: id }))}
          >
            {LABELS[id]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`alerts-panel-${tab}`} aria-labelledby={`alerts-tab-${tab}`}>
        {tab === 'channels' ? <ChannelsTab /> : tab === 'silences' ? <SilencesTab /> : <NotificationsTab />}
      </div>
    </>
  );
}
