import { NotBuiltView } from '../../components/not-built-view.tsx';

export function AnomaliesPage() {
  return (
    <NotBuiltView
      title="Anomalies"
      summary="Spot unusual behaviour in logs and audit traces."
      plans={[
        'See log volume and error rates per stream against their expected range.',
        'See unusual audit activity, such as a user acting at odd hours or from a new address.',
        'Jump from an anomaly to the log lines or traces behind it.',
      ]}
    />
  );
}
