import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { compliancePolicySchema, type CompliancePolicy } from '../../contract/schemas/compliance.ts';
import { useOptionalAuth } from '../../lib/auth-context.ts';
import { complianceQueries, savePolicy } from './api.ts';

type NumberField = 'maxTraceGapHours' | 'incidentAckHours' | 'maxClockSkewMinutes' | 'tokenMaxAgeDays' | 'periodDays';
const FIELDS: { key: NumberField; label: string }[] = [
  { key: 'periodDays', label: 'Evidence period (days)' },
  { key: 'maxTraceGapHours', label: 'Longest gap without traces (h)' },
  { key: 'incidentAckHours', label: 'Incidents opened within (h)' },
  { key: 'maxClockSkewMinutes', label: 'Clock skew bound (min)' },
  { key: 'tokenMaxAgeDays', label: 'API token age limit (days)' },
];

/** Policy values the checks use; admins change them after a multi-factor sign-in. */
export function PolicyPanel() {
  const auth = useOptionalAuth();
  const isAdmin = auth?.me?.roles.includes('admin') ?? false;
  const queryClient = useQueryClient();
  const policy = useQuery(complianceQueries.policy());
  const [draft, setDraft] = useState<CompliancePolicy | null>(null);
  const save = useMutation({
    mutationFn: savePolicy,
    onSuccess: () => { setDraft(null); void queryClient.invalidateQueries({ queryKey: ['compliance'] }); },
  });
  if (policy.isError) return <ErrorState title="Could not load the policy" error={policy.error} />;
  if (!policy.data) return null;
  const current = draft ?? policy.data.policy;
  const r = current.retention;
  return (
    <Panel title="Policy" meta={policy.data.updatedBy ? `changed by ${policy.data.updatedBy}` : 'defaults'}>
      <p className="compliance-muted">
        Minimum retention: security streams {r.security.minDays} days, audit streams {r.audit.minDays} days, others {r.application.minDays} days;
        streams with personal data at most {current.personalData.maxDays} days.
      </p>
      <form
        className="compliance-form"
        onSubmit={(event) => {
          event.preventDefault();
          const parsed = compliancePolicySchema.safeParse(current);
          if (parsed.success) save.mutate(parsed.data);
        }}
      >
        {FIELDS.map((field) => (
          <label key={field.key} className="filter-bar__field">
            <span>{field.label}</span>
            <input
              type="number"
              min={1}
              value={current[field.key]}
              disabled={!isAdmin}
              onChange={(e) => setDraft({ ...current, [field.key]: Number(e.target.value) })}
            />
          </label>
        ))}
        {(['security', 'audit'] as const).map((kind) => (
          <label key={kind} className="filter-bar__field">
            <span>{kind === 'security' ? 'Security streams keep (days)' : 'Audit streams keep (days)'}</span>
            <input
              type="number"
              min={1}
              value={r[kind].minDays}
              disabled={!isAdmin}
              onChange={(e) => setDraft({ ...current, retention: { ...r, [kind]: { ...r[kind], minDays: Number(e.target.value) } } })}
            />
          </label>
        ))}
        <label className="filter-bar__field">
          <span>Personal data at most (days)</span>
          <input
            type="number"
            min={1}
            value={current.personalData.maxDays}
            disabled={!isAdmin}
            onChange={(e) => setDraft({ ...current, personalData: { ...current.personalData, maxDays: Number(e.target.value) } })}
          />
        </label>
        {isAdmin && (auth?.me?.multiFactor ? (
          <Button type="submit" variant="primary" disabled={!draft || save.isPending}>Save policy</Button>
        ) : (
          <Button onClick={() => auth?.stepUp()}>Verify with authenticator to change</Button>
        ))}
      </form>
      {save.isError && <ErrorState title="Could not save the policy" error={save.error} />}
    </Panel>
  );
}
