import type { AlertRuleInputRaw } from '../../contract/schemas/alert-rules.ts';
import { AnomalyFields } from './anomaly-fields.tsx';
import { Field, ListField, NumberField } from './form-fields.tsx';

type Condition = AlertRuleInputRaw['condition'];
const OPS = ['>', '>=', '<', '<='] as const;

export interface ConditionFieldsProps {
  condition: Condition;
  onChange: (condition: Condition) => void;
}

function OpField({ value, onChange }: { value: (typeof OPS)[number] | undefined; onChange: (op: (typeof OPS)[number]) => void }) {
  return (
    <Field label="Comparison">
      <select value={value ?? '>='} onChange={(event) => onChange(event.target.value as (typeof OPS)[number])}>
        {OPS.map((op) => (
          <option key={op} value={op}>
            {op}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The fields of one condition type; the contract's schema checks them as the admin types. */
export function ConditionFields({ condition, onChange }: ConditionFieldsProps) {
  if (condition.type === 'anomaly') return <AnomalyFields condition={condition} onChange={onChange} />;
  const set = (patch: Partial<Condition>) => onChange({ ...condition, ...patch } as Condition);
  const windowField = (
    <NumberField label="Window (seconds)" value={condition.windowSeconds} min={10} onChange={(windowSeconds) => set({ windowSeconds })} hint="a multiple of the schedule" />
  );
  if (condition.type === 'audit') {
    return (
      <div className="rule-grid">
        <ListField label="Operations (trace_name)" value={condition.traceNames ?? []} onChange={(traceNames) => set({ traceNames })} placeholder="deleteTracker, scheduleKeyDeletion" wide />
        <ListField label="Services" value={condition.serviceTypes ?? []} onChange={(serviceTypes) => set({ serviceTypes })} placeholder="IAM, KMS" />
        <ListField label="Resource types" value={condition.resourceTypes ?? []} onChange={(resourceTypes) => set({ resourceTypes })} />
        <ListField label="Ratings" value={condition.ratings ?? []} onChange={(ratings) => set({ ratings: ratings as ('normal' | 'warning' | 'incident')[] })} placeholder="warning, incident" />
        <ListField label="Only these users" value={condition.users ?? []} onChange={(users) => set({ users })} />
        <ListField label="Only from addresses" value={condition.sourceIps ?? []} onChange={(sourceIps) => set({ sourceIps })} />
        <ListField label="Not from addresses" value={condition.excludeSourceIps ?? []} onChange={(excludeSourceIps) => set({ excludeSourceIps })} placeholder="217.6.112.0/24" wide />
        <Field label="Only succeeded operations">
          <input type="checkbox" checked={condition.succeededOnly ?? false} onChange={(event) => set({ succeededOnly: event.target.checked })} />
        </Field>
        <Field label="Only at UTC hours" hint="from–to, empty for any time">
          <span className="rule-hours">
            <input
              aria-label="From hour (UTC)"
              type="number"
              min={0}
              max={23}
              value={condition.hoursUtc?.from ?? ''}
              onChange={(event) => set({ hoursUtc: event.target.value === '' ? null : { from: Number(event.target.value), to: condition.hoursUtc?.to ?? 6 } })}
            />
            –
            <input
              aria-label="To hour (UTC)"
              type="number"
              min={0}
              max={24}
              value={condition.hoursUtc?.to ?? ''}
              onChange={(event) => set({ hoursUtc: event.target.value === '' ? null : { from: condition.hoursUtc?.from ?? 0, to: Number(event.target.value) } })}
            />
          </span>
        </Field>
        {windowField}
        <OpField value={condition.op} onChange={(op) => set({ op })} />
        <NumberField label="Threshold (traces)" value={condition.threshold ?? 1} min={0} onChange={(threshold) => set({ threshold })} />
      </div>
    );
  }
  return (
    <div className="rule-grid">
      <Field label={condition.type === 'ratio' ? 'Matching query' : 'Query'} wide hint="the Search query language">
        <input className="rule-query" value={condition.query} onChange={(event) => set({ query: event.target.value })} spellCheck={false} />
      </Field>
      {condition.type === 'ratio' && (
        <Field label="Counted against (query)" wide hint="empty: every line">
          <input className="rule-query" value={condition.totalQuery ?? ''} onChange={(event) => set({ totalQuery: event.target.value })} spellCheck={false} />
        </Field>
      )}
      <ListField label="Log groups" value={condition.logGroups ?? []} onChange={(logGroups) => set({ logGroups })} placeholder="ecs-prod" />
      <ListField label="Log streams" value={condition.logStreams ?? []} onChange={(logStreams) => set({ logStreams })} placeholder="auth" hint="within those groups; empty: all" />
      {windowField}
      {condition.type === 'query' && (
        <>
          <OpField value={condition.op} onChange={(op) => set({ op })} />
          <NumberField label="Threshold (lines)" value={condition.threshold} min={0} onChange={(threshold) => set({ threshold })} />
          <Field label="Group by" hint="a label or field; ip: the first address in the line">
            <input value={condition.groupBy ?? ''} onChange={(event) => set({ groupBy: event.target.value.trim() === '' ? null : event.target.value.trim() })} spellCheck={false} />
          </Field>
          <NumberField label="Most groups" value={condition.maxGroups ?? 100} min={1} max={500} onChange={(maxGroups) => set({ maxGroups })} />
        </>
      )}
      {condition.type === 'ratio' && (
        <>
          <OpField value={condition.op} onChange={(op) => set({ op })} />
          <NumberField label="Threshold (%)" value={condition.thresholdPercent} min={0} max={100} onChange={(thresholdPercent) => set({ thresholdPercent })} />
          <NumberField label="Minimum lines in window" value={condition.minVolume} min={1} onChange={(minVolume) => set({ minVolume })} />
        </>
      )}
      {condition.type === 'absence' && <p className="rule-note">Fires when no line matches for the whole window.</p>}
    </div>
  );
}
