import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { useAuth } from '../../lib/auth-context.ts';
import { createSilence } from './notify-api.ts';
import type { SilencePrefill } from './notify-url.ts';

interface MatcherRow {
  label: string;
  op: '=' | '!=';
  value: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** datetime-local wants local wall-clock time without a zone. */
const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function SilenceForm({ prefill, onDone }: { prefill: SilencePrefill | null; onDone: () => void }) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [now] = useState(() => Date.now());
  const [kind, setKind] = useState<'silence' | 'maintenance'>('silence');
  const [matchers, setMatchers] = useState<MatcherRow[]>(() => prefill?.matchers.map((m) => ({ ...m, op: '=' as const })) ?? [{ label: 'alertname', op: '=', value: '' }]);
  const [startsAt, setStartsAt] = useState(() => localInput(now));
  const [endsAt, setEndsAt] = useState(() => localInput(now + 2 * 3600_000));
  const [comment, setComment] = useState('');
  const [weekdays, setWeekdays] = useState<number[]>([2]);
  const [start, setStart] = useState('01:00');
  const [duration, setDuration] = useState('120');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const create = useMutation({
    mutationFn: createSilence,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['alerts', 'silences'] });
      onDone();
    },
  });
  const update = (i: number, patch: Partial<MatcherRow>) => setMatchers((rows) => rows.map((row, j) => (i === j ? { ...row, ...patch } : row)));

  return (
    <form
      className="notify-form"
      aria-label="New silence"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({
          kind,
          matchers,
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(endsAt).toISOString(),
          comment,
          ...(kind === 'maintenance' ? { recurrence: { weekdays, startMinute: minutesOf(start), durationMinutes: Number(duration), timeZone } } : {}),
        });
      }}
    >
      <fieldset className="notify-fieldset">
        <legend>Alerts whose labels match all of</legend>
        {matchers.map((m, i) => (
          <div className="notify-matcher" key={i}>
            <input aria-label={`Label ${i + 1}`} value={m.label} onChange={(e) => update(i, { label: e.target.value })} placeholder="label" required />
            <select aria-label={`Operator ${i + 1}`} value={m.op} onChange={(e) => update(i, { op: e.target.value as '=' | '!=' })}>
              <option value="=">=</option>
              <option value="!=">≠</option>
            </select>
            <input aria-label={`Value ${i + 1}`} value={m.value} onChange={(e) => update(i, { value: e.target.value })} placeholder="value" />
            <Button variant="ghost" onClick={() => setMatchers((rows) => rows.filter((_, j) => j !== i))} disabled={matchers.length === 1} aria-label={`Remove matcher ${i + 1}`}>
              Remove
            </Button>
          </div>
        ))}
        <Button variant="ghost" onClick={() => setMatchers((rows) => [...rows, { label: '', op: '=', value: '' }])} disabled={matchers.length >= 20}>
          Add matcher
        </Button>
        <small className="notify-muted">Besides the alert's labels: alertname (the rule name), severity, ruleId.</small>
      </fieldset>
      <div className="notify-form__grid">
        <label className="notify-field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as 'silence' | 'maintenance')}>
            <option value="silence">Silence (once)</option>
            <option value="maintenance">Maintenance window (weekly)</option>
          </select>
        </label>
        <label className="notify-field">
          <span>{kind === 'maintenance' ? 'Valid from' : 'Starts'}</span>
          <input type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} required />
        </label>
        <label className="notify-field">
          <span>{kind === 'maintenance' ? 'Valid until' : 'Ends'}</span>
          <input type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} required />
        </label>
      </div>
      {kind === 'maintenance' && (
        <div className="notify-form__grid">
          <fieldset className="notify-fieldset notify-weekdays">
            <legend>Every</legend>
            {WEEKDAYS.map((day, i) => (
              <label key={day} className="notify-check">
                <input type="checkbox" checked={weekdays.includes(i)} onChange={(e) => setWeekdays((d) => (e.target.checked ? [...d, i].sort() : d.filter((x) => x !== i)))} /> {day}
              </label>
            ))}
          </fieldset>
          <label className="notify-field">
            <span>At</span>
            <input type="time" value={start} onChange={(e) => setStart(e.target.value)} required />
          </label>
          <label className="notify-field">
            <span>For (minutes)</span>
            <input type="number" min={1} max={10080} value={duration} onChange={(e) => setDuration(e.target.value)} required />
          </label>
          <label className="notify-field">
            <span>Time zone</span>
            <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} required />
          </label>
        </div>
      )}
      <label className="notify-field">
        <span>Comment (why)</span>
        <input value={comment} onChange={(e) => setComment(e.target.value)} required maxLength={500} placeholder="e.g. penetration test by the red team" />
      </label>
      <div className="notify-form__actions">
        <Button type="submit" variant="primary" disabled={create.isPending || !auth.me?.multiFactor}>
          {create.isPending ? 'Saving…' : kind === 'maintenance' ? 'Create maintenance window' : 'Create silence'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {create.isError && <ErrorState title="Could not create the silence" error={create.error} />}
    </form>
  );
}
