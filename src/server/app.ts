import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ZodError } from 'zod';
import type { AuthConfig } from '../contract/index.ts';
import type { Authenticator } from './auth/principal.ts';
import type { Handlers, StreamHandlers } from './http/handlers.ts';
import { HttpError } from './http/http-error.ts';
import { createEndpointGuard, registerEndpoints, registerStreamEndpoints } from './http/register-endpoints.ts';
import { redactTokens, requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { serveSpa } from './http/spa.ts';
import { describeError, type Logger } from './logger.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { alertEventRoutes } from './routes/alert-events.ts';
import { alertSummaryRoutes } from './routes/alert-summary.ts';
import { alertRuleRoutes } from './routes/alert-rules.ts';
import { authRoutes } from './routes/auth.ts';
import { apiTokenRoutes } from './routes/api-tokens.ts';
import { anomalyRoutes } from './routes/anomalies.ts';
import { auditRoutes } from './routes/audit.ts';
import { channelRoutes } from './routes/channels.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { silenceRoutes } from './routes/silences.ts';
import { logGroupRoutes } from './routes/log-groups.ts';
import { logExportRoute } from './routes/logs-export.ts';
import { logSearchRoutes } from './routes/logs-search.ts';
import { logTailRoute } from './routes/logs-tail.ts';
import { savedSearchRoutes } from './routes/saved-searches.ts';
import { traceRoutes } from './routes/traces.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { complianceEvidenceRoute } from './routes/compliance-evidence.ts';
import { complianceScheduleRoutes } from './routes/compliance-schedules.ts';
import { ReportScheduler } from './services/compliance/report-scheduler.ts';
import type { CtsVerifications } from './state/cts-verifications.ts';
import { ComplianceRunner } from './services/compliance/runner.ts';
import { alertRulesSource, criticalAlertSource, deliverySource } from './services/compliance/alerting-sources.ts';
import { loadSigningKey, type SigningKey } from './services/compliance/signing-key.ts';
import type { ComplianceState } from './state/compliance-state.ts';
import { systemRoutes } from './routes/system.ts';
import { registerIngestRoutes } from './ingest/http/register.ts';
import { ingestAdminRoutes } from './routes/ingest-admin.ts';
import { forwarderRoutes } from './routes/forwarders.ts';
import { ForwardRunner } from './forward/runner.ts';
import type { Forwarders } from './state/forwarders.ts';
import type { IngestTokens } from './state/ingest-tokens.ts';
import type { IngestHttpDeps } from './ingest/http/ingest-auth.ts';
import { AnomalyDetector } from './services/anomalies/detector.ts';
import type { AnomalyFeedbackStore } from './state/anomaly-feedback.ts';
import type { AlertEvents } from './state/alert-events.ts';
import type { AlertRules } from './state/alert-rules.ts';
import type { ApiTokens } from './state/api-tokens.ts';
import type { AuditTrail } from './state/audit-trail.ts';
import type { SavedSearches } from './state/saved-searches.ts';
import type { NotifyChannels } from './state/notify-channels.ts';
import type { NotifyOutbox } from './state/notify-outbox.ts';
import type { NotifySilences } from './state/notify-silences.ts';
import { OutboundClient } from './outbound/client.ts';
import { createChannelSender, type ChannelSend } from './services/notify/senders/channel-sender.ts';
import type { SearchableStore } from './storage/ports.ts';
import { StoreError } from './storage/store-error.ts';
import { ReadRefused } from './storage/read-refused.ts';
import { HeavyReads } from './search/heavy-reads.ts';
import type { AppEnv } from './http/app-env.ts';
import type { TailTiming } from './tail/follow.ts';
import { loadMaskingSecret, Pseudonymizer } from './traces/pseudonyms.ts';

export interface AppDeps {
  store: SearchableStore;
  /** Vigil's own state: its audit trail and API tokens. */
  audit: AuditTrail;
  tokens: ApiTokens;
  ingestTokens: IngestTokens;
  savedSearches: SavedSearches;
  anomalyFeedback: AnomalyFeedbackStore;
  /** The anomaly runner with its background pass; route tests get one without the pass. */
  anomalies?: AnomalyDetector;
  alertRules: AlertRules;
  alertEvents: AlertEvents;
  /** Shortest alert rule schedule accepted (VIGIL_ALERT_MIN_INTERVAL_SECONDS). */
  alertMinEverySeconds?: number;
  /** Notification channels, silences and the delivery outbox (state.db). */
  channels: NotifyChannels;
  silences: NotifySilences;
  outbox: NotifyOutbox;
  /** The outbound client (SSRF rules, allow list); a default one refuses every inner address. */
  outbound?: OutboundClient;
  /** How a channel test sends; defaults to the real senders over `outbound`. */
  sendToChannel?: ChannelSend;
  compliance: ComplianceState;
  /** CTS digest verification results (import-cts --digest) for the integrity check. */
  ctsVerifications?: CtsVerifications;
  logger: Logger;
  authenticate: Authenticator;
  authConfig: AuthConfig;
  /** Origin users reach Vigil at; DPoP proofs are checked against it. */
  publicUrl: string;
  version: string;
  maxBodyBytes: number;
  /** Vigil's data folder: the secret behind the pseudonyms of masked views is kept there. */
  dataDir: string;
  /** Folder of the built SPA; omitted in route tests. */
  distDir?: string;
  now?: () => number;
  /** Live tail poll and heartbeat intervals (tests shorten them). */
  tailTiming?: TailTiming;
  /** Live receivers (OTLP/HTTP, LTS ingestion API); omitted: not mounted. */
  ingest?: IngestHttpDeps;
  /** SIEM forwarders (state.db) and the runner that delivers them; without a runner, one that never runs reports status. */
  forwarders: Forwarders;
  forwardRunner?: ForwardRunner;
}

/** A read the store would not start: 503 with the reason and when to retry. */
function readRefusedError(error: ReadRefused): HttpError {
  return new HttpError('unavailable', error.message, { reason: error.reason, retryAfterSeconds: error.retryAfterSeconds }, {
    retryAfterSeconds: error.retryAfterSeconds,
  });
}

/** Builds the Vigil HTTP app without listening: tests call `app.request()` on it directly. */
export function buildApp(deps: AppDeps): Hono<AppEnv> {
  const now = deps.now ?? Date.now;
  const app = new Hono<AppEnv>();

  app.use('*', requestLog(deps.logger));
  app.use('*', securityHeaders);
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new HttpError('payload_too_large', `request body exceeds ${deps.maxBodyBytes} bytes`, {
          limitBytes: deps.maxBodyBytes,
        });
      },
    }),
  );

  const outbound = deps.outbound ?? new OutboundClient();
  const sendToChannel = deps.sendToChannel ?? createChannelSender({ client: outbound, publicUrl: deps.publicUrl, now });
  const forwardRunner = deps.forwardRunner ?? new ForwardRunner({ store: deps.store, forwarders: deps.forwarders, client: outbound, logger: deps.logger, now });
  const pseudonyms = new Pseudonymizer(loadMaskingSecret(deps.dataDir));
  const complianceRunner = new ComplianceRunner({ ...deps, alertRules: alertRulesSource(deps.alertRules), deliveries: deliverySource(deps.outbox), criticalAlerts: criticalAlertSource(deps.alertEvents), now });
  let signingKey: SigningKey | null = null;
  // Made on first use, so installations that never export a pack keep no key.
  const compliance = { runner: complianceRunner, compliance: deps.compliance, pseudonyms, now, signingKey: () => (signingKey ??= loadSigningKey(deps.dataDir)) };
  // One detector for the anomaly views and anomaly alert rules' backtests.
  const anomalies = deps.anomalies ?? new AnomalyDetector({ store: deps.store, feedback: deps.anomalyFeedback, now });

  const openApi = buildOpenApiDocument(deps.version);
  const heavyReads = new HeavyReads();
  app.get('/api/openapi.json', (c) => c.json(openApi));

  const handlers: Handlers = {
    ...systemRoutes({ store: deps.store, version: deps.version, startedAt: now(), now, ingest: deps.ingest?.queue, forwarders: () => forwardRunner.health() }),
    ...authRoutes({ authConfig: deps.authConfig }),
    ...logGroupRoutes({ store: deps.store }),
    ...logSearchRoutes({ store: deps.store, now, heavyReads }),
    ...traceRoutes({ store: deps.store, pseudonyms, now }),
    ...apiTokenRoutes({ tokens: deps.tokens }),
    ...savedSearchRoutes({ savedSearches: deps.savedSearches }),
    ...auditRoutes({ audit: deps.audit }),
    ...ingestAdminRoutes({ tokens: deps.ingestTokens, queue: deps.ingest?.queue }),
    ...forwarderRoutes({ forwarders: deps.forwarders, runner: forwardRunner, outbound, now }),
    ...anomalyRoutes({ store: deps.store, detector: anomalies, feedback: deps.anomalyFeedback, now }),
    ...alertRuleRoutes({ store: deps.store, rules: deps.alertRules, events: deps.alertEvents, minEverySeconds: deps.alertMinEverySeconds ?? 60, now, silences: () => deps.silences.list('all'), anomalies }),
    ...alertEventRoutes({ events: deps.alertEvents }),
    ...alertSummaryRoutes({ rules: deps.alertRules, events: deps.alertEvents, outbox: deps.outbox, now }),
    ...channelRoutes({ channels: deps.channels, outbox: deps.outbox, outbound, send: sendToChannel, publicUrl: deps.publicUrl, now }),
    ...silenceRoutes({ silences: deps.silences, now }),
    ...notificationRoutes({ outbox: deps.outbox }),
    ...complianceRoutes(compliance),
    ...complianceScheduleRoutes({
      ...compliance, outbox: deps.outbox, channels: deps.channels,
      scheduler: new ReportScheduler({ compliance: deps.compliance, channels: deps.channels, outbox: deps.outbox, audit: deps.audit, now }),
    }),
  };
  const guard = createEndpointGuard({ authenticate: deps.authenticate, audit: deps.audit, publicUrl: deps.publicUrl });
  // Streamed endpoints answer with a body written as it is produced, not one JSON value.
  const streams: StreamHandlers = {
    exportLogs: logExportRoute({ store: deps.store, now, heavyReads }),
    tailLogs: logTailRoute({ store: deps.store, now, ...(deps.tailTiming ? { timing: deps.tailTiming } : {}) }),
    complianceEvidence: complianceEvidenceRoute({ ...compliance, version: deps.version }),
  };
  registerStreamEndpoints(app, { streams, guard });
  registerEndpoints(app, { handlers, guard });

  if (deps.ingest) registerIngestRoutes(app, { ...deps.ingest, store: deps.store });
  app.all('/api/*', (c) => {
    throw new HttpError('not_found', `no API endpoint ${c.req.method} ${c.req.path}`);
  });
  if (deps.distDir) serveSpa(app, deps.distDir);

  app.notFound((c) => c.json(new HttpError('not_found', `not found: ${c.req.path}`).toEnvelope(), 404));
  app.onError((error, c) => {
    const known = error instanceof ReadRefused ? readRefusedError(error) : error;
    if (known instanceof HttpError) {
      if (known.retryAfterSeconds !== undefined) c.header('Retry-After', String(known.retryAfterSeconds));
      return c.json(known.toEnvelope(), known.status as 400);
    }
    if (error instanceof StoreError) return storeErrorResponse(c, error);
    // A ZodError here means a handler broke the contract's output schema: a server bug.
    deps.logger.error(error instanceof ZodError ? 'response broke the contract' : 'unhandled error', {
      path: redactTokens(c.req.path),
      ...describeError(error),
    });
    return c.json(new HttpError('internal', 'internal error; the server log has the details').toEnvelope(), 500);
  });
  return app;
}

/** A remote store's failure, said as it is: unavailable (503), throttled (429 + Retry-After), refused (502). */
function storeErrorResponse(c: Context, error: StoreError) {
  const details = { ...(error.region ? { region: error.region } : {}), ...(error.retryAt ? { retryAt: error.retryAt } : {}) };
  if (error.kind === 'throttled') {
    const seconds = Math.max(1, Math.ceil(((error.retryAt ?? Date.now()) - Date.now()) / 1000));
    c.header('Retry-After', String(seconds));
    return c.json(new HttpError('rate_limited', `the log store's read quota is used up: ${error.message}`, details).toEnvelope(), 429);
  }
  const code = error.kind === 'unavailable' ? 'unavailable' : 'internal';
  return c.json(new HttpError(code, `the log store could not answer: ${error.message}`, details).toEnvelope(), error.kind === 'unavailable' ? 503 : 502);
}
