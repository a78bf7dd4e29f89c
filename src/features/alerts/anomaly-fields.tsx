import { ANOMALY_KINDS, type AnomalyKind } from '../../contract/schemas/anomalies.ts';
import type { AlertRuleInputRaw } from '../../contract/schemas/alert-rules.ts';
import { Field, NumberField } from './form-fields.tsx';

type AnomalyCondition = Extract<AlertRuleInputRaw['condition'], { type: 'anomaly' }>;

const KIND_LABEL: Record<AnomalyKind, string> = {
  log_volume: 'Log volume of a stream',
  log_error_ratio: 'Error share of a stream',
  audit_behaviour: 'Unusual behaviour of a user',
  audit_volume: 'Audit volume of a user or service',
};
const LOG_KINDS: readonly AnomalyKind[] = ['log_volume', 'log_error_ratio'];

function TextField({ label, value, hint, onChange }: { label: string; value: string | undefined; hint?: string; onChange: (value: string) => void }) {
  return (
    <Field label={label} hint={hint}>
      <input value={value ?? ''} placeholder="any" spellCheck={false} onChange={(event) => onChange(event.target.value)} />
    </Field>
  );
}

/** The anomaly rule's fields: kind, subject (empty: any) and the score floor. */
export function AnomalyFields({ condition, onChange }: { condition: AnomalyCondition; onChange: (condition: AnomalyCondition) => void }) {
  const set = (patch: Partial<AnomalyCondition>) => onChange({ ...condition, ...patch });
  const logs = LOG_KINDS.includes(condition.kind);
  return (
    <div className="rule-grid">
      <Field label="Anomaly kind" wide>
        <select
          value={condition.kind}
          // Subject fields of the other family do not apply: clear them.
          onChange={(event) => set({ kind: event.target.value as AnomalyKind, group: '', stream: '', user: '', service: '' })}
        >
          {ANOMALY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABEL[kind]}
            </option>
          ))}
        </select>
      </Field>
      {logs ? (
        <>
          <TextField label="Log group" value={condition.group} onChange={(group) => set({ group })} />
          <TextField label="Log stream" value={condition.stream} hint="within the group" onChange={(stream) => set({ stream })} />
        </>
      ) : (
        <>
          <TextField label="User" value={condition.user} onChange={(user) => set({ user })} />
          {condition.kind === 'audit_volume' && <TextField label="Service" value={condition.service} hint="rated traces of a service" onChange={(service) => set({ service })} />}
        </>
      )}
      <NumberField label="Minimum score" value={condition.minScore ?? 80} min={1} max={100} step={1} onChange={(minScore) => set({ minScore })} hint="0–100; 80 and above is high" />
      <NumberField
        label="Window (seconds)"
        value={condition.windowSeconds}
        min={10}
        onChange={(windowSeconds) => set({ windowSeconds })}
        hint={logs ? 'at least 300 (5-minute buckets)' : 'at least 3600 (hourly buckets)'}
      />
      <p className="rule-note rule-field--wide">Each subject alerts on its own while one of its anomalies overlaps the window.</p>
    </div>
  );
}
