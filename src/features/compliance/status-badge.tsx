import type { CheckStatus } from '../../contract/schemas/compliance.ts';
import { STATUS_LABEL } from './model.ts';

export function StatusBadge({ status }: { status: CheckStatus }) {
  return <span className={`compliance-status compliance-status--${status}`}>{STATUS_LABEL[status]}</span>;
}
