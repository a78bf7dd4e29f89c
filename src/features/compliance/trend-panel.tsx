import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Chart } from '../../components/chart.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { SegmentedControl } from '../../components/segmented-control.tsx';
import type { CheckResult, FrameworkId } from '../../contract/schemas/compliance.ts';
import { complianceQueries } from './api.ts';
import { trendOption } from './model.ts';

interface Props {
  framework: FrameworkId;
  days: 30 | 90;
  checks: CheckResult[];
  onDays: (days: 30 | 90) => void;
}

export function TrendPanel({ framework, days, checks, onDays }: Props) {
  const trend = useQuery(complianceQueries.trend(framework, days));
  const titles = useMemo(() => Object.fromEntries(checks.map((c) => [c.id, c.title])), [checks]);
  const option = useMemo(() => (trend.data ? trendOption(trend.data, titles) : null), [trend.data, titles]);
  return (
    <Panel
      title="Trend"
      meta={trend.data ? `${trend.data.days.length} daily snapshots` : undefined}
      actions={
        <SegmentedControl
          legend="Trend window"
          value={String(days) as '30' | '90'}
          options={[{ value: '30', label: '30 days' }, { value: '90', label: '90 days' }]}
          onChange={(value) => onDays(value === '90' ? 90 : 30)}
        />
      }
    >
      {trend.isPending && <LoadingState label="Loading snapshots…" />}
      {trend.isError && <ErrorState title="Could not load the trend" error={trend.error} />}
      {option && <Chart option={option} height={130 + 22 * checks.length + 40} label={`Score and check status per day over ${days} days`} />}
      <p className="compliance-muted">A snapshot of every check is kept each day Vigil runs; days without one stay empty.</p>
    </Panel>
  );
}
