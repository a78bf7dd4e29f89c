import { useMutation, useQuery } from '@tanstack/react-query';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import type { FrameworkId } from '../../contract/schemas/compliance.ts';
import { complianceQueries, downloadEvidence } from './api.ts';

/** Print for the meeting, download the signed pack for the auditor; the key fingerprint to compare. */
export function EvidenceActions({ framework, days }: { framework: FrameworkId; days: number }) {
  const key = useQuery(complianceQueries.signingKey());
  const download = useMutation({ mutationFn: () => downloadEvidence(framework, days) });
  return (
    <div className="compliance-actions">
      <Button onClick={() => window.print()}>Print</Button>
      <Button variant="primary" onClick={() => download.mutate()} disabled={download.isPending}>
        {download.isPending ? 'Preparing pack…' : `Download evidence pack (${days} days)`}
      </Button>
      {download.isSuccess && (
        <span className="compliance-muted" role="status">
          {download.data.filename}, {Math.round(download.data.bytes / 1024)} KB
        </span>
      )}
      {key.data && (
        <span className="compliance-muted compliance-fingerprint" title="Compare with `npm run vigil -- evidence verify`">
          signing key {key.data.fingerprint.slice(0, 16)}…
        </span>
      )}
      {download.isError && <ErrorState title="Could not build the evidence pack" error={download.error} />}
    </div>
  );
}
