import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { SAVED_SEARCH_LIMITS, type SavedSearch, type SavedSearchState } from '../../contract/schemas/saved-searches.ts';
import { SavedSearchItem } from './saved-search-item.tsx';
import { savedSearchesQuery, useSavedSearchMutations } from './saved-searches-api.ts';
import { usePopover } from '../../components/use-popover.ts';

export interface SavedSearchesMenuProps {
  /** The search on screen, as it would be saved. */
  current: SavedSearchState;
  onOpen: (state: SavedSearchState) => void;
}

/** Saves the current search and lists the caller's own and shared ones to open, rename, share or delete. */
export function SavedSearchesMenu({ current, onOpen }: SavedSearchesMenuProps) {
  const { open, setOpen, rootRef, buttonRef, onPanelKeyDown } = usePopover();
  const panelId = useId();
  const list = useQuery({ ...savedSearchesQuery(), enabled: open });
  const { create, update, remove } = useSavedSearchMutations();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const failure = create.error ?? update.error ?? remove.error;
  const busy = create.isPending || update.isPending || remove.isPending;
  const searches = list.data?.savedSearches ?? [];

  const openSearch = (search: SavedSearch) => {
    onOpen(search.state);
    setOpen(false);
  };

  return (
    <div className="search-tool" ref={rootRef}>
      <button ref={buttonRef} type="button" className="button" aria-expanded={open} aria-controls={panelId} aria-haspopup="dialog" onClick={() => setOpen(!open)}>
        Saved searches
      </button>
      {open && (
        <div id={panelId} className="search-tool__panel" role="dialog" aria-label="Saved searches" onKeyDown={onPanelKeyDown}>
          <form
            className="saved-searches__save"
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate({ name: name.trim(), state: current, shared }, { onSuccess: () => setName('') });
            }}
          >
            <input
              className="filter-input"
              aria-label="Name of the saved search"
              placeholder="Name this search"
              value={name}
              maxLength={SAVED_SEARCH_LIMITS.maxNameLength}
              onChange={(event) => setName(event.target.value)}
            />
            <div className="search-tool__actions">
              <label className="saved-searches__owner">
                <input type="checkbox" checked={shared} onChange={(event) => setShared(event.target.checked)} /> share with all analysts
              </label>
              <Button type="submit" variant="primary" disabled={name.trim() === '' || busy}>
                Save current search
              </Button>
            </div>
          </form>
          {failure && (
            <p role="alert" className="search-tool__error">
              {failure.message}
            </p>
          )}
          {list.isPending ? (
            <LoadingState label="Loading saved searches…" />
          ) : list.isError ? (
            <ErrorState title="Could not load saved searches" error={list.error} onRetry={() => void list.refetch()} />
          ) : searches.length === 0 ? (
            <p className="search-tool__note">No saved searches yet.</p>
          ) : (
            <ul className="saved-searches__list" aria-label="Saved searches list">
              {searches.map((search) => (
                <li key={search.id}>
                  <SavedSearchItem
                    search={search}
                    busy={busy}
                    onOpen={openSearch}
                    onRename={(next) => update.mutate({ id: search.id, name: next })}
                    onShare={(next) => update.mutate({ id: search.id, shared: next })}
                    onDelete={() => remove.mutate(search.id)}
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
