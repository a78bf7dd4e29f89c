import { useQuery } from '@tanstack/react-query';
import { Button } from '../../components/button.tsx';
import { formatCount, formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { adminQueries } from './api.ts';

/** Whether the audit trail's hash chain is intact, checked by the server over every record. */
export function VerificationBanner({ zone }: { zone: TimeZoneMode }) {
  const { data, error, isFetching, refetch } = useQuery(adminQueries.verify());
  const recheck = (
    <Button onClick={() => void refetch()} disabled={isFetching}>
      {isFetching ? 'Verifying…' : 'Verify again'}
    </Button>
  );
  if (error) {
    return (
      <div className="chain-banner chain-banner--broken" role="alert">
        <span>Could not verify the audit trail: {error.message}</span>
        {recheck}
      </div>
    );
  }
  if (!data) return <div className="chain-banner">Verifying the audit trail…</div>;
  const when = formatDateTime(data.verifiedAt, zone);
  if (data.intact) {
    return (
      <div className="chain-banner chain-banner--intact" role="status" data-testid="chain-status">
        <span>
          Chain intact up to record {formatCount(data.intactUpTo)} · verified {when}
        </span>
        {recheck}
      </div>
    );
  }
  return (
    <div className="chain-banner chain-banner--broken" role="alert" data-testid="chain-status">
      <span>
        Chain broken at record {data.firstBroken?.seq}: {data.firstBroken?.reason}. Records up to {formatCount(data.intactUpTo)} are intact ·
        verified {when}
      </span>
      {recheck}
    </div>
  );
}
