import { NotBuiltView } from '../../components/not-built-view.tsx';

export function AdminPage() {
  return (
    <NotBuiltView
      title="Admin"
      summary="Settings and Vigil’s own audit trail."
      plans={[
        'Configure connections to Open Telekom Cloud projects and regions.',
        'Create and revoke API tokens for automation.',
        'Read Vigil’s own hash-chained audit trail and verify the chain.',
      ]}
    />
  );
}
