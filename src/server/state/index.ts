import { AnomalyFeedbackStore } from './anomaly-feedback.ts';
import { ApiTokens } from './api-tokens.ts';
import { AuditTrail } from './audit-trail.ts';
import { IngestTokens } from './ingest-tokens.ts';
import { AlertEvents } from './alert-events.ts';
import { AlertRules } from './alert-rules.ts';
import { NotifyChannels } from './notify-channels.ts';
import { NotifyOutbox } from './notify-outbox.ts';
import { NotifySilences } from './notify-silences.ts';
import { ComplianceState } from './compliance-state.ts';
import { CtsVerifications } from './cts-verifications.ts';
import { Forwarders } from './forwarders.ts';
import { SavedSearches } from './saved-searches.ts';
import { openStateDb } from './state-db.ts';

/** Vigil's own records, kept beside (not inside) the log store. */
export interface VigilState {
  audit: AuditTrail;
  tokens: ApiTokens;
  savedSearches: SavedSearches;
  /** Tokens that may only append lines to named log groups. */
  ingestTokens: IngestTokens;
  anomalyFeedback: AnomalyFeedbackStore;
  alertRules: AlertRules;
  alertEvents: AlertEvents;
  channels: NotifyChannels;
  silences: NotifySilences;
  outbox: NotifyOutbox;
  compliance: ComplianceState;
  /** SIEM forwarders with their cursors. */
  forwarders: Forwarders;
  /** CTS trace files checked against CTS digest files (import-cts --digest). */
  ctsVerifications: CtsVerifications;
  close(): void;
}

export function openState(dataDir: string, now: () => number = Date.now): VigilState {
  const db = openStateDb(dataDir);
  const audit = new AuditTrail(db, now);
  return {
    audit,
    tokens: new ApiTokens(db, now),
    savedSearches: new SavedSearches(db, now),
    ingestTokens: new IngestTokens(db, now),
    anomalyFeedback: new AnomalyFeedbackStore(db, now),
    alertRules: new AlertRules(db, now),
    alertEvents: new AlertEvents(db, now),
    channels: new NotifyChannels(db, now),
    silences: new NotifySilences(db, now),
    outbox: new NotifyOutbox(db, now),
    compliance: new ComplianceState(db, now),
    forwarders: new Forwarders(db, now),
    ctsVerifications: new CtsVerifications(db, now),
    close: () => {
      audit.flushRepeats();
      db.close();
    },
  };
}
