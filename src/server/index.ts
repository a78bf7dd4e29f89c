// Starts Vigil: configuration, store (seeded with demo data on first start), sign-in, HTTP.
import { buildApp } from './app.ts';
import { privateUmask, secureDataDir } from './data-dir.ts';
import { setUpAuth } from './auth/setup.ts';
import { readConfig } from './config.ts';
import { closeGracefully, createNodeServer } from './http/node-server.ts';
import { DEFAULT_DEMO_TOTP_SECRET } from './idp/demo-users.ts';
import { createLogger, describeError } from './logger.ts';
import { OutboundClient } from './outbound/client.ts';
import { seedDemoData } from './seed/index.ts';
import { AnomalyDetector } from './services/anomalies/detector.ts';
import { provisionDemoRules } from './services/alerts/demo-rules.ts';
import { AlertEvaluator } from './services/alerts/evaluator.ts';
import { Notifier } from './services/notify/notifier.ts';
import { createChannelSender } from './services/notify/senders/channel-sender.ts';
import { startRetentionJob } from './services/retention.ts';
import { ComplianceRunner, startComplianceJob } from './services/compliance/runner.ts';
import { REVEAL } from './services/compliance/facts.ts';
import { createReportMailer } from './services/compliance/report-mailer.ts';
import { ReportScheduler, startReportJob } from './services/compliance/report-scheduler.ts';
import { loadSigningKey, type SigningKey } from './services/compliance/signing-key.ts';
import { loadMaskingSecret, Pseudonymizer } from './traces/pseudonyms.ts';
import { alertRulesSource, criticalAlertSource, deliverySource } from './services/compliance/alerting-sources.ts';
import { openState } from './state/index.ts';
import { openStore } from './storage/index.ts';
import { readOtcConfig } from './storage/otc/config.ts';
import { VERSION } from './version.ts';
import { readIngestConfig } from './ingest/config.ts';
import { startLiveIngest } from './ingest/live.ts';
import { ForwardRunner } from './forward/runner.ts';

async function main(): Promise<void> {
  const config = readConfig();
  const ingestConfig = readIngestConfig();
  const logger = createLogger(config.logLevel);
  privateUmask();
  await secureDataDir(config.dataDir, logger);
  // One outbound client for everything Vigil sends out: notifications and the OTC APIs.
  const outbound = new OutboundClient({ allow: config.outboundAllow, userAgent: `Vigil/${VERSION}` });
  const store =
    config.store === 'otc'
      ? await openStore({ kind: 'otc', config: readOtcConfig(), outbound, logger })
      : await openStore({ kind: 'embedded', dataDir: config.dataDir, logger, ...(config.readers ? { readers: config.readers } : {}) });

  const counts = await store.counts();
  // The OTC store is read-only for Vigil: there is nothing to seed into it.
  if (store.kind === 'embedded' && counts.lines === 0 && counts.traces === 0 && config.seedDemo) {
    console.log(`Empty store in ${config.dataDir}: loading demo data…`);
    const summary = await seedDemoData(store, { logger, ...(config.seedLines ? { lines: config.seedLines } : {}) });
    console.log(`Demo data: ${summary.lines} log lines, ${summary.traces} traces in ${(summary.durationMs / 1000).toFixed(1)} s`);
  }

  const state = openState(config.dataDir);
  if (config.seedDemo) {
    const provisioned = provisionDemoRules(state.alertRules);
    if (provisioned > 0) console.log(`Demo alert rules: ${provisioned} provisioned`);
  }
  const auth = await setUpAuth(config, state.tokens.verify, logger, state.audit);
  const ingest = await startLiveIngest({ store, tokens: state.ingestTokens, config: ingestConfig, logger });
  const anomalies = new AnomalyDetector({ store, feedback: state.anomalyFeedback, logger });
  const complianceRunner = new ComplianceRunner({
    store, audit: state.audit, tokens: state.tokens, compliance: state.compliance, alertRules: alertRulesSource(state.alertRules), deliveries: deliverySource(state.outbox), criticalAlerts: criticalAlertSource(state.alertEvents), ctsVerifications: state.ctsVerifications,
  });
  const pseudonyms = new Pseudonymizer(loadMaskingSecret(config.dataDir));
  let signingKey: SigningKey | null = null;
  // Scheduled reports leave Vigil: people in them are always pseudonyms (see report-mailer.ts).
  const report = createReportMailer({
    runner: complianceRunner, compliance: state.compliance, mask: { user: (v) => pseudonyms.user(v), ip: (v) => pseudonyms.ip(v) },
    signingKey: () => (signingKey ??= loadSigningKey(config.dataDir)), version: VERSION, publicUrl: config.publicUrl,
  });
  const sendToChannel = createChannelSender({ client: outbound, publicUrl: config.publicUrl, report });
  // The alert evaluator's transition sink: grouping, silences, then the outbox.
  const notifier = new Notifier({
    outbox: state.outbox,
    channels: state.channels,
    silences: state.silences,
    send: sendToChannel,
    logger,
    publicUrl: config.publicUrl,
    policyFor: (ruleId) => state.alertRules.get(ruleId)?.notify ?? null,
  });
  const forwardRunner = new ForwardRunner({ store, forwarders: state.forwarders, client: outbound, logger });
  const app = buildApp({
    store,
    audit: state.audit,
    tokens: state.tokens,
    ingestTokens: state.ingestTokens,
    savedSearches: state.savedSearches,
    anomalyFeedback: state.anomalyFeedback,
    anomalies,
    alertRules: state.alertRules,
    alertEvents: state.alertEvents,
    alertMinEverySeconds: config.alertMinEverySeconds,
    channels: state.channels,
    silences: state.silences,
    outbox: state.outbox,
    outbound,
    sendToChannel,
    compliance: state.compliance,
    ctsVerifications: state.ctsVerifications,
    logger,
    authenticate: auth.authenticate,
    authConfig: auth.clientConfig,
    publicUrl: config.publicUrl,
    version: VERSION,
    maxBodyBytes: config.maxBodyBytes,
    dataDir: config.dataDir,
    distDir: config.distDir,
    ingest: ingest.http,
    forwarders: state.forwarders,
    forwardRunner,
  });
  anomalies.start();
  const evaluator = new AlertEvaluator({ store, rules: state.alertRules, events: state.alertEvents, sink: notifier, logger, anomalies });
  evaluator.start();
  notifier.start();
  forwardRunner.start();
  const retention = startRetentionJob({ logs: store.logs, logger, onPass: (run) => state.compliance.recordRetentionRun(run) });
  // Daily snapshots keep statuses and summaries only, so the unmasked evaluation is safe to store.
  const complianceJob = startComplianceJob(complianceRunner, REVEAL, (error) => logger.error('compliance snapshot failed', describeError(error)));
  // Due report schedules become outbox rows; the notifier above sends them.
  const reportJob = startReportJob(new ReportScheduler({ compliance: state.compliance, channels: state.channels, outbox: state.outbox, audit: state.audit }), (error) =>
    logger.error('report schedules failed', describeError(error)),
  );
  const server = createNodeServer(app, auth.idp);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });

  const loaded = await store.counts();
  console.log(`Vigil ${VERSION} is running at ${config.publicUrl}`);
  if (store.regions) {
    const regions = store.regions().map((r) => `${r.name}${r.primary ? ' (primary)' : ''}: ${r.circuit === 'closed' ? 'up' : `down (${r.lastError ?? 'no answer'})`}`);
    console.log(`  store: OTC LTS/CTS, regions ${regions.join(', ')}`);
  } else console.log(`  store: embedded, ${config.dataDir} (${loaded.lines} log lines, ${loaded.traces} traces)`);
  const syslogPorts = Object.entries(ingest.syslog?.ports ?? {}).map(([kind, port]) => `${kind} ${port}`);
  console.log(`  ingest: OTLP/HTTP ${config.publicUrl}/v1/logs, LTS ingestion API; syslog ${syslogPorts.length > 0 ? syslogPorts.join(', ') : 'off'}`);
  if (auth.idp) {
    console.log(`  sign-in: embedded provider at ${auth.idp.issuer}`);
    console.log('  demo users: analyst, admin, manager, lead, nobody (password: $VIGIL_DEMO_PASSWORD, default in README.md)');
    console.log(`  admin's authenticator (TOTP) secret: ${config.auth.demoTotpSecret ?? DEFAULT_DEMO_TOTP_SECRET}`);
  } else {
    console.log(`  sign-in: ${auth.clientConfig.issuer}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await closeGracefully(server, 10_000);
    await ingest.close();
    await retention.stop();
    await anomalies.stop();
    await evaluator.stop();
    await notifier.stop();
    await forwardRunner.stop();
    complianceJob.stop();
    reportJob.stop();
    auth.idp?.close();
    state.close();
    await store.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`Vigil could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.VIGIL_LOG_LEVEL === 'debug') console.error(describeError(error));
  process.exit(1);
});
