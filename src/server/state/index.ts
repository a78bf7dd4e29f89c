import { ApiTokens } from './api-tokens.ts';
import { AuditTrail } from './audit-trail.ts';
import { SavedSearches } from './saved-searches.ts';
import { openStateDb } from './state-db.ts';

/** Vigil's own records, kept beside (not inside) the log store. */
export interface VigilState {
  audit: AuditTrail;
  tokens: ApiTokens;
  savedSearches: SavedSearches;
  close(): void;
}

export function openState(dataDir: string, now: () => number = Date.now): VigilState {
  const db = openStateDb(dataDir);
  const audit = new AuditTrail(db, now);
  return {
    audit,
    tokens: new ApiTokens(db, now),
    savedSearches: new SavedSearches(db, now),
    close: () => {
      audit.flushRepeats();
      db.close();
    },
  };
}
