import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import type { Health } from '../../contract/schemas/health.ts';
import { formatKnownCount, formatSeconds } from '../../lib/format.ts';
import { overviewQueries } from './api.ts';

const storeNames: Readonly<Record<Health['store']['kind'], string>> = {
  embedded: 'Embedded (local)',
  otc: 'Open Telekom Cloud',
};

export function StoreStatusPanel() {
  const health = useQuery(overviewQueries.health());
  return (
    <Panel title="Store status">
      {health.isPending ? (
        <LoadingState label="Checking the server…" />
      ) : health.isError ? (
        <ErrorState title="Could not read the server status" error={health.error} onRetry={() => void health.refetch()} />
      ) : (
        <dl className="stats">
          <div className="stats__item">
            <dt>Status</dt>
            <dd>
              <span className="status-dot" aria-hidden="true" />
              {health.data.status === 'ok' ? 'Running' : health.data.status}
            </dd>
          </div>
          <div className="stats__item">
            <dt>Version</dt>
            <dd className="mono">{health.data.version}</dd>
          </div>
          <div className="stats__item">
            <dt>Store</dt>
            <dd>{storeNames[health.data.store.kind]}</dd>
          </div>
          <div className="stats__item">
            <dt>Log lines</dt>
            <dd className="numeric" title={health.data.store.lines === null ? 'The store has not reported a total (OTC: LTS counts each stream on request; see the log groups)' : undefined}>
              {formatKnownCount(health.data.store.lines)}
            </dd>
          </div>
          <div className="stats__item">
            <dt>Audit traces</dt>
            <dd className="numeric" title={health.data.store.traces === null ? 'CTS reports no total of traces (and keeps 7 days of them)' : undefined}>
              {formatKnownCount(health.data.store.traces)}
            </dd>
          </div>
          <div className="stats__item">
            <dt>Uptime</dt>
            <dd className="numeric">{formatSeconds(health.data.uptimeSeconds)}</dd>
          </div>
        </dl>
      )}
    </Panel>
  );
}
