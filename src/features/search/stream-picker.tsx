import { usePopover } from '../../components/use-popover.ts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Icon } from '../../components/icon.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import type { LogGroupList } from '../../contract/schemas/log-groups.ts';
import { formatKnownCount } from '../../lib/format.ts';
import '../../components/filter-input.css';
import { isStreamSelected, selectionLabel, streamRef, toggleGroup, toggleStream, type StreamSelection } from './streams.ts';

export interface StreamPickerProps {
  selection: StreamSelection;
  groups: UseQueryResult<LogGroupList>;
  onChange: (selection: StreamSelection) => void;
}

/** Chooses the log groups and streams to search; nothing chosen searches everything. */
export function StreamPicker({ selection, groups, onChange }: StreamPickerProps) {
  const { open, setOpen, rootRef, buttonRef, onPanelKeyDown } = usePopover();
  const [filter, setFilter] = useState('');
  const panelId = useId();
  const all = groups.data?.log_groups ?? [];
  const needle = filter.trim().toLowerCase();
  const everything = selection.groups.length === 0 && selection.streams.length === 0;

  const label = selectionLabel(selection);
  const shown = all
    .map((group) => ({
      group,
      streams: group.log_group_name.toLowerCase().includes(needle)
        ? group.log_streams
        : group.log_streams.filter((stream) => stream.log_stream_name.toLowerCase().includes(needle)),
    }))
    .filter((entry) => entry.streams.length > 0 || entry.group.log_group_name.toLowerCase().includes(needle));

  return (
    <div className="stream-picker" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="stream-picker__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="dialog"
        aria-label={`Log streams: ${label}`}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="stream-picker__label">{label}</span>
        <Icon name="chevron" />
      </button>
      {open && (
        <div
          id={panelId}
          className="stream-picker__panel"
          role="dialog"
          aria-label="Choose log groups and streams"
          onKeyDown={onPanelKeyDown}
        >
          <div className="stream-picker__tools">
            <input
              type="search"
              className="filter-input"
              aria-label="Filter groups and streams"
              placeholder="Filter by name"
              value={filter}
              autoFocus
              onChange={(event) => setFilter(event.target.value)}
            />
            <Button variant="ghost" disabled={everything} onClick={() => onChange({ groups: [], streams: [] })}>
              All groups
            </Button>
          </div>
          {groups.isPending ? (
            <LoadingState label="Loading log groups…" />
          ) : groups.isError ? (
            <ErrorState title="Could not load log groups" error={groups.error} onRetry={() => void groups.refetch()} />
          ) : (
            <ul className="stream-picker__groups">
              {shown.map(({ group, streams }) => {
                const name = group.log_group_name;
                const whole = selection.groups.includes(name);
                const some = !whole && selection.streams.some((ref) => ref.startsWith(`${name}/`));
                return (
                  <li key={group.log_group_id}>
                    <label className="stream-picker__group">
                      <input
                        type="checkbox"
                        checked={whole}
                        ref={(element) => {
                          if (element) element.indeterminate = some;
                        }}
                        onChange={() => onChange(toggleGroup(selection, name, all))}
                      />
                      <span className="mono">{name}</span>
                      <span className="muted numeric">{formatKnownCount(group.line_count)}</span>
                    </label>
                    <ul className="stream-picker__streams">
                      {streams.map((stream) => {
                        const ref = streamRef(name, stream.log_stream_name);
                        return (
                          <li key={stream.log_stream_id}>
                            <label className="stream-picker__stream">
                              <input
                                type="checkbox"
                                checked={!everything && isStreamSelected(selection, ref)}
                                onChange={() => onChange(toggleStream(selection, ref, all))}
                              />
                              <span className="mono">{stream.log_stream_name}</span>
                              <span className="muted numeric">{formatKnownCount(stream.line_count)}</span>
                            </label>
                          </li>
                        );
                      })}
                    </ul>
                  </li>
                );
              })}
              {shown.length === 0 && <li className="muted">No group or stream name contains “{filter.trim()}”.</li>}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
