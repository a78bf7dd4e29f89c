import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import type { SavedSearch } from '../../contract/schemas/saved-searches.ts';

export interface SavedSearchItemProps {
  search: SavedSearch;
  busy: boolean;
  onOpen: (search: SavedSearch) => void;
  onRename: (name: string) => void;
  onShare: (shared: boolean) => void;
  onDelete: () => void;
}

/** One saved search: open it; its owner may also rename, share and delete it. */
export function SavedSearchItem({ search, busy, onOpen, onRename, onShare, onDelete }: SavedSearchItemProps) {
  const [renaming, setRenaming] = useState<string | null>(null);
  if (renaming !== null) {
    return (
      <form
        className="saved-searches__item"
        onSubmit={(event) => {
          event.preventDefault();
          onRename(renaming.trim());
          setRenaming(null);
        }}
      >
        <input className="filter-input" aria-label={`New name for ${search.name}`} value={renaming} maxLength={80} autoFocus onChange={(event) => setRenaming(event.target.value)} />
        <Button type="submit" disabled={renaming.trim() === '' || busy}>
          Save
        </Button>
        <Button variant="ghost" onClick={() => setRenaming(null)}>
          Cancel
        </Button>
      </form>
    );
  }
  return (
    <div className="saved-searches__item">
      <Button variant="ghost" className="saved-searches__open" title={search.state.q || 'every line'} onClick={() => onOpen(search)}>
        {search.name}
      </Button>
      {search.own ? (
        <>
          <label className="saved-searches__owner">
            <input type="checkbox" checked={search.shared} disabled={busy} onChange={(event) => onShare(event.target.checked)} /> shared
          </label>
          <Button variant="ghost" aria-label={`Rename ${search.name}`} disabled={busy} onClick={() => setRenaming(search.name)}>
            Rename
          </Button>
          <Button variant="ghost" aria-label={`Delete ${search.name}`} disabled={busy} onClick={onDelete}>
            Delete
          </Button>
        </>
      ) : (
        <span className="saved-searches__owner">by {search.ownerName}</span>
      )}
    </div>
  );
}
