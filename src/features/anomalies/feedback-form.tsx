import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { endpoints } from '../../contract/endpoints.ts';
import type { Anomaly } from '../../contract/schemas/anomalies.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

/** "Expected" (with a note; left out of later baselines) or "Confirmed". */
export function FeedbackForm({ anomaly, zone }: { anomaly: Anomaly; zone: TimeZoneMode }) {
  const client = useQueryClient();
  const [note, setNote] = useState(anomaly.feedback?.note ?? '');
  const send = useMutation({
    mutationFn: (verdict: 'expected' | 'confirmed') => apiRequest(endpoints.anomalyFeedback, { params: { id: anomaly.id }, body: { verdict, note } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['anomalies'] }),
  });
  const current = send.data ?? anomaly.feedback;
  return (
    <div className="feedback">
      <label className="feedback__note">
        Note
        <input type="text" value={note} maxLength={1000} placeholder="e.g. planned load test" onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="feedback__buttons">
        <Button disabled={send.isPending} onClick={() => send.mutate('expected')}>
          Mark expected
        </Button>
        <Button variant="primary" disabled={send.isPending} onClick={() => send.mutate('confirmed')}>
          Confirm
        </Button>
      </div>
      {send.isError && (
        <p className="feedback__error" role="alert">
          Could not save: {send.error instanceof Error ? send.error.message : String(send.error)}
        </p>
      )}
      {current && (
        <p className="feedback__current" role="status">
          Marked <strong>{current.verdict}</strong> by {current.by} at {formatDateTime(current.at, zone, { seconds: false })}
          {current.note ? `: ${current.note}` : ''}
          {current.verdict === 'expected' ? ' (left out of future baselines)' : ''}
        </p>
      )}
    </div>
  );
}
