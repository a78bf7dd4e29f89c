import { useQuery } from '@tanstack/react-query';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import type { AlertRuleList } from '../../contract/schemas/alert-rules.ts';
import { useAuth } from '../../lib/auth-context.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { alertQueries } from './api.ts';
import { editable, newRule } from './model.ts';
import { RuleEditor } from './rule-editor.tsx';

const TYPE_LABEL = { query: 'line count', ratio: 'ratio', absence: 'absence', audit: 'audit event', anomaly: 'anomaly' } as const;

function RuleState({ rule }: { rule: AlertRuleList['rules'][number] }) {
  if (!rule.enabled) return <span className="badge badge--muted">disabled</span>;
  if (rule.lastError) return <span className="badge badge--warning" title={rule.lastError}>problem</span>;
  if (rule.firing > 0) return <span className="badge badge--danger">firing ({rule.firing})</span>;
  if (rule.pending > 0) return <span className="badge badge--warning">pending ({rule.pending})</span>;
  return <span className="badge badge--success">normal</span>;
}

export function RulesPanel({ openRule, zone, onOpen }: { openRule: string | null; zone: TimeZoneMode; onOpen: (id: string | null) => void }) {
  const auth = useAuth();
  const rules = useQuery(alertQueries.rules());
  const isAdmin = auth.me?.roles.includes('admin') ?? false;

  if (rules.isPending) return <LoadingState label="Loading alert rules" />;
  if (rules.isError) return <ErrorState title="Could not load the alert rules" error={rules.error} onRetry={() => void rules.refetch()} />;
  const list = rules.data.rules;
  const open = openRule === 'new' ? null : (list.find((rule) => rule.id === openRule) ?? null);

  return (
    <div className="page-stack">
      {openRule !== null && (openRule === 'new' || open) && (
        <RuleEditor
          key={`${openRule}-${open?.version ?? 0}`}
          stored={open}
          initial={open ? editable(open) : newRule()}
          zone={zone}
          onClose={() => onOpen(null)}
          onSaved={(saved) => onOpen(saved.id)}
        />
      )}
      {openRule !== null && openRule !== 'new' && !open && <ErrorState title="No such rule" error={new Error(`No alert rule ${openRule}; it may have been deleted.`)} />}
      <Panel title="Alert rules" meta={`${list.length} rules`} actions={isAdmin ? <Button onClick={() => onOpen('new')}>New rule</Button> : undefined}>
        {list.length === 0 ? (
          <EmptyState title="No alert rules yet">Admins create rules here and replay them over history before saving.</EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Type</th>
                  <th scope="col">Severity</th>
                  <th scope="col">State</th>
                  <th scope="col">Every</th>
                  <th scope="col">Changed</th>
                </tr>
              </thead>
              <tbody>
                {list.map((rule) => (
                  <tr key={rule.id} aria-selected={rule.id === openRule}>
                    <th scope="row" className="table__name">
                      <button type="button" className="link-button" onClick={() => onOpen(rule.id)}>
                        {rule.name}
                      </button>
                    </th>
                    <td>{TYPE_LABEL[rule.condition.type]}</td>
                    <td>
                      <span className={`severity severity--${rule.severity}`}>{rule.severity}</span>
                    </td>
                    <td>
                      <RuleState rule={rule} />
                    </td>
                    <td className="numeric">{rule.everySeconds} s</td>
                    <td>
                      v{rule.version} · {formatDateTime(rule.updatedAt, zone, { seconds: false })} · {rule.updatedBy}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}
