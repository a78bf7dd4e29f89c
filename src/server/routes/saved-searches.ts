/**
 * Saved searches: each analyst's own, plus those others chose to share (read-only for them). Only
 * the owner may rename, re-share, replace or delete one; the check is here, on the server. Changes
 * are audited with the record before and after.
 */
import { SAVED_SEARCH_LIMITS, type SavedSearch } from '../../contract/index.ts';
import type { Principal } from '../auth/principal.ts';
import type { FeatureHandlers, RequestContext } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import type { SavedSearches, StoredSearch } from '../state/saved-searches.ts';

type Endpoints = 'listSavedSearches' | 'createSavedSearch' | 'updateSavedSearch' | 'deleteSavedSearch';

function caller(ctx: RequestContext): Principal {
  // The contract makes these endpoints role-only, so a principal is always present.
  if (!ctx.principal) throw new HttpError('unauthenticated', 'sign-in required');
  return ctx.principal;
}

function view(search: StoredSearch, principal: Principal): SavedSearch {
  return { ...search, own: search.ownerId === principal.subject };
}

export function savedSearchRoutes({ savedSearches }: { savedSearches: SavedSearches }): FeatureHandlers<Endpoints> {
  /** The search if the caller owns it; someone else's shared search is visible but not theirs to change. */
  const owned = (id: string, principal: Principal): StoredSearch => {
    const search = savedSearches.get(id);
    if (!search || (search.ownerId !== principal.subject && !search.shared)) throw new HttpError('not_found', `no saved search ${id}`);
    if (search.ownerId !== principal.subject) {
      throw new HttpError('forbidden', `only its owner (${search.ownerName}) may change the saved search "${search.name}"`, { reason: 'not_owner' });
    }
    return search;
  };
  const audit = (ctx: RequestContext, action: string, code: number, search: StoredSearch, request: Record<string, unknown>) =>
    ctx.audit({ action, resource: { type: 'savedSearch', id: search.id, name: search.name }, code, request });

  return {
    listSavedSearches: async (_input, ctx) => {
      const principal = caller(ctx);
      return { savedSearches: savedSearches.visibleTo(principal.subject).map((search) => view(search, principal)) };
    },
    createSavedSearch: async ({ body }, ctx) => {
      const principal = caller(ctx);
      if (savedSearches.countOwnedBy(principal.subject) >= SAVED_SEARCH_LIMITS.maxPerUser) {
        throw new HttpError('conflict', `you already have ${SAVED_SEARCH_LIMITS.maxPerUser} saved searches, the most one user may keep: delete some first`);
      }
      const created = savedSearches.create({ id: principal.subject, name: principal.name }, body);
      audit(ctx, 'createSavedSearch', 201, created, { after: created });
      return view(created, principal);
    },
    updateSavedSearch: async ({ params, body }, ctx) => {
      const principal = caller(ctx);
      const before = owned(params.id, principal);
      const after = savedSearches.update(params.id, body)!;
      audit(ctx, 'updateSavedSearch', 200, after, { before, after });
      return view(after, principal);
    },
    deleteSavedSearch: async ({ params }, ctx) => {
      const principal = caller(ctx);
      const before = owned(params.id, principal);
      savedSearches.delete(params.id);
      audit(ctx, 'deleteSavedSearch', 200, before, { before });
      return view(before, principal);
    },
  };
}
