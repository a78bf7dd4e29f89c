import { NotBuiltView } from '../../components/not-built-view.tsx';

export function AlertsPage() {
  return (
    <NotBuiltView
      title="Alerts"
      summary="Alert rules over log queries and audit traces, and the alerts they raised."
      plans={[
        'Review the alerts that fired, with the lines or traces that triggered them.',
        'Admins: create and edit rules, and backtest a rule against past data before saving it.',
        'Admins: manage notification channels and silences.',
      ]}
    />
  );
}
