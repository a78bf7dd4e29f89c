import { CHECK_IDS, FRAMEWORK_IDS, type CheckId, type FrameworkId } from '../../contract/schemas/compliance.ts';

export interface ComplianceViewState {
  framework: FrameworkId;
  /** The check whose evidence is open (drill-down). */
  check: CheckId | null;
  /** Trend window in days. */
  days: 30 | 90;
}

export function readComplianceState(params: URLSearchParams): ComplianceViewState {
  const framework = params.get('framework');
  const check = params.get('check');
  return {
    framework: (FRAMEWORK_IDS as readonly string[]).includes(framework ?? '') ? (framework as FrameworkId) : 'iso27001',
    check: (CHECK_IDS as readonly string[]).includes(check ?? '') ? (check as CheckId) : null,
    days: params.get('days') === '90' ? 90 : 30,
  };
}

export function writeComplianceState(params: URLSearchParams, patch: Partial<ComplianceViewState>): URLSearchParams {
  const next = new URLSearchParams(params);
  const state = { ...readComplianceState(params), ...patch };
  const set = (key: string, value: string) => (value ? next.set(key, value) : next.delete(key));
  set('framework', state.framework === 'iso27001' ? '' : state.framework);
  set('check', state.check ?? '');
  set('days', state.days === 30 ? '' : String(state.days));
  return next;
}
