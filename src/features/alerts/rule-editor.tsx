import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { ALERT_SEVERITIES, alertRuleInputSchema, type AlertConditionType, type AlertRule, type AlertRuleInputRaw } from '../../contract/schemas/alert-rules.ts';
import { isApiError } from '../../lib/api-error.ts';
import { useAuth } from '../../lib/auth-context.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { alertQueries, deleteRule, saveRule } from './api.ts';
import { BacktestPanel } from './backtest-panel.tsx';
import { ConditionFields } from './condition-fields.tsx';
import { Field, NumberField } from './form-fields.tsx';
import { keepDraft, takeDraft, templateCondition } from './model.ts';

const DAY_MS = 86_400_000;
const TYPES: { id: AlertConditionType; label: string }[] = [
  { id: 'query', label: 'Line count' },
  { id: 'ratio', label: 'Ratio' },
  { id: 'absence', label: 'Absence' },
  { id: 'audit', label: 'Audit event' },
  { id: 'anomaly', label: 'Anomaly' },
];

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export interface RuleEditorProps {
  /** null: a new rule. */
  stored: AlertRule | null;
  initial: AlertRuleInputRaw;
  zone: TimeZoneMode;
  onClose: () => void;
  onSaved: (rule: AlertRule) => void;
}

export function RuleEditor({ stored, initial, zone, onClose, onSaved }: RuleEditorProps) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const isAdmin = auth.me?.roles.includes('admin') ?? false;
  const draftKey = stored?.id ?? 'new';
  const [restored] = useState(() => takeDraft(draftKey));
  const [rule, setRule] = useState<AlertRuleInputRaw>(restored?.rule ?? initial);
  const [etag, setEtag] = useState<string | null>(restored?.etag ?? stored?.etag ?? null);
  const set = (patch: Partial<AlertRuleInputRaw>) => setRule((current) => ({ ...current, ...patch }));

  const parsed = useMemo(() => alertRuleInputSchema.safeParse(rule), [rule]);
  const issues = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'rule'}: ${issue.message}`);
  const debounced = useDebounced(parsed.success ? rule : null, 600);
  const [range] = useState(() => {
    const to = Math.floor(Date.now() / 60_000) * 60_000;
    return { from: to - 30 * DAY_MS, to };
  });
  const backtest = useQuery({ ...alertQueries.backtest(debounced ?? rule, range.from, range.to), enabled: debounced !== null });

  const save = useMutation({
    mutationFn: () => saveRule(stored?.id ?? null, rule, etag),
    onSuccess: (saved) => {
      setEtag(saved.etag);
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
      onSaved(saved);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteRule(stored!.id, etag ?? ''),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
      onClose();
    },
  });
  const conflict = isApiError(save.error) && save.error.code === 'conflict' ? (save.error.details as { updatedBy?: string; updatedAt?: number } | undefined) : null;
  const multiFactor = auth.me?.multiFactor ?? false;

  const submit = () => {
    if (!parsed.success) return;
    if (!multiFactor) {
      // The sign-in provider's round trip reloads the page: keep the draft for when we are back.
      keepDraft(draftKey, { rule, etag });
      auth.stepUp();
      return;
    }
    save.mutate();
  };

  return (
    <div className="rule-editor">
      <form
        className="rule-form"
        aria-label="Rule"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <header className="rule-form__header">
          <h3>{stored ? `Edit rule: ${stored.name}` : 'New rule'}</h3>
          {stored && (
            <span className="rule-note">
              version {stored.version}, saved {formatDateTime(stored.updatedAt, zone, { seconds: false })} by {stored.updatedBy}
            </span>
          )}
        </header>
        {restored && <p className="rule-banner">Your unsaved changes were restored after the verification.</p>}
        <div className="rule-grid">
          <Field label="Name" wide>
            <input value={rule.name} maxLength={120} onChange={(event) => set({ name: event.target.value })} />
          </Field>
          <Field label="Description" wide>
            <textarea rows={2} value={rule.description ?? ''} maxLength={2000} onChange={(event) => set({ description: event.target.value })} />
          </Field>
          <Field label="Type">
            <select value={rule.condition.type} onChange={(event) => set({ condition: templateCondition(event.target.value as AlertConditionType) })}>
              {TYPES.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Severity">
            <select value={rule.severity} onChange={(event) => set({ severity: event.target.value as AlertRuleInputRaw['severity'] })}>
              {ALERT_SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {severity}
                </option>
              ))}
            </select>
          </Field>
          <NumberField label="Every (seconds)" value={rule.everySeconds ?? 60} min={10} onChange={(everySeconds) => set({ everySeconds })} />
          <NumberField label="Pending for (seconds)" value={rule.pendingSeconds ?? 0} min={0} onChange={(pendingSeconds) => set({ pendingSeconds })} />
          <NumberField label="Resolve after clean evaluations" value={rule.recoveryEvaluations ?? 1} min={1} onChange={(recoveryEvaluations) => set({ recoveryEvaluations })} />
          <Field label="Enabled">
            <input type="checkbox" checked={rule.enabled ?? true} onChange={(event) => set({ enabled: event.target.checked })} />
          </Field>
        </div>
        <ConditionFields condition={rule.condition} onChange={(condition) => set({ condition })} />
        {issues.length > 0 && (
          <ul className="form-error" role="alert">
            {issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        )}
        {conflict && (
          <div className="rule-banner rule-banner--danger" role="alert">
            Someone saved this rule meanwhile: {conflict.updatedBy ?? 'another admin'}
            {conflict.updatedAt ? ` at ${formatDateTime(conflict.updatedAt, zone)}` : ''}. Reload it to see their version; your changes are kept here until you do.
          </div>
        )}
        {save.isError && !conflict && <ErrorState title="Could not save the rule" error={save.error} />}
        {remove.isError && <ErrorState title="Could not delete the rule" error={remove.error} />}
        <div className="rule-form__actions">
          {isAdmin ? (
            <Button type="submit" variant="primary" disabled={!parsed.success || save.isPending}>
              {save.isPending ? 'Saving…' : multiFactor ? 'Save rule' : 'Verify and save'}
            </Button>
          ) : (
            <span className="rule-note">Only admins save rules; you can try changes in the backtest.</span>
          )}
          <Button onClick={onClose}>Close</Button>
          {isAdmin && stored && multiFactor && (
            <Button
              variant="ghost"
              onClick={() => {
                if (window.confirm(`Delete the rule "${stored.name}"? Its alert events stay.`)) remove.mutate();
              }}
            >
              Delete rule
            </Button>
          )}
          {save.isSuccess && <span role="status">Saved as version {save.data.version}.</span>}
        </div>
      </form>
      <BacktestPanel
        backtest={backtest.data}
        type={rule.condition.type}
        zone={zone}
        fetching={backtest.isFetching}
        error={backtest.error}
        blocked={parsed.success ? null : 'Fix the rule to replay it.'}
      />
    </div>
  );
}
