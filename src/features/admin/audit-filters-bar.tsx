import { useState } from 'react';
import type { AuditFilters } from './url.ts';

const ACTIONS = ['signIn', 'refusedRequest', 'createApiToken', 'revokeApiToken', 'searchLogs', 'exportLogs', 'searchTraces', 'viewTrace'];

export interface AuditFiltersBarProps {
  filters: AuditFilters;
  onChange: (filters: AuditFilters) => void;
}

export function AuditFiltersBar({ filters, onChange }: AuditFiltersBarProps) {
  // The user field applies on Enter or blur, not on every keystroke; the parent re-keys this
  // component when the URL's user changes, which resets the draft.
  const [user, setUser] = useState(filters.user);
  const applyUser = () => {
    if (user.trim() !== filters.user) onChange({ ...filters, user: user.trim() });
  };
  return (
    <form
      className="filter-bar"
      role="search"
      aria-label="Filter audit records"
      onSubmit={(event) => {
        event.preventDefault();
        applyUser();
      }}
    >
      <label className="filter-bar__field">
        <span>User</span>
        <input value={user} onChange={(event) => setUser(event.target.value)} onBlur={applyUser} placeholder="name or subject" />
      </label>
      <label className="filter-bar__field">
        <span>Action</span>
        <select value={filters.action} onChange={(event) => onChange({ ...filters, action: event.target.value })}>
          <option value="">any</option>
          {ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-bar__field">
        <span>Rating</span>
        <select value={filters.rating} onChange={(event) => onChange({ ...filters, rating: event.target.value as AuditFilters['rating'] })}>
          <option value="">any</option>
          <option value="normal">normal</option>
          <option value="warning">warning</option>
          <option value="incident">incident</option>
        </select>
      </label>
    </form>
  );
}
