/**
 * The rows of an export: pages of the search port, newest first, following the keyset cursor
 * until the window holds no more matches, the row cap or the time limit is reached, or the client
 * goes away (the signal also stops the store's scan in the middle of a page).
 */
import type { FoundLine, LineSearchRequest, SearchableStore, SearchScope } from '../storage/ports.ts';
import { SEARCH_BUDGET } from '../search/limits.ts';

const PAGE_LINES = 1_000;

/** Why an export stopped before the window's last match: which bound, with its value. */
export type ExportStop = { kind: 'row_cap'; rowCap: number } | { kind: 'time_limit'; seconds: number };

export interface ExportBounds {
  rowCap: number;
  maxMs: number;
  now: () => number;
}

/** Yields pages of lines; returns the bound that stopped it, or null when every match was written. */
export async function* exportPages(
  store: SearchableStore,
  scope: SearchScope,
  bounds: ExportBounds,
  signal: AbortSignal,
): AsyncGenerator<FoundLine[], ExportStop | null> {
  const deadline = bounds.now() + bounds.maxMs;
  let written = 0;
  let position: string | null = null;
  for (;;) {
    if (signal.aborted) return null;
    if (bounds.now() >= deadline) return { kind: 'time_limit', seconds: Math.round(bounds.maxMs / 1000) };
    const limit = Math.min(PAGE_LINES, bounds.rowCap - written);
    const request: LineSearchRequest = { ...scope, order: 'newest', limit, position, budget: SEARCH_BUDGET };
    const page = await store.search.searchLines(request, signal);
    if (signal.aborted) return null;
    if (page.lines.length > 0) yield page.lines;
    written += page.lines.length;
    if (page.next === null) return null;
    if (written >= bounds.rowCap) return { kind: 'row_cap', rowCap: bounds.rowCap };
    position = page.next;
  }
}
