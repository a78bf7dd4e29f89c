// Starts Vigil: configuration, store (seeded with demo data on first start), sign-in, HTTP.
import { buildApp } from './app.ts';
import { privateUmask, secureDataDir } from './data-dir.ts';
import { setUpAuth } from './auth/setup.ts';
import { readConfig } from './config.ts';
import { closeGracefully, createNodeServer } from './http/node-server.ts';
import { DEFAULT_DEMO_TOTP_SECRET } from './idp/demo-users.ts';
import { createLogger, describeError } from './logger.ts';
import { seedDemoData } from './seed/index.ts';
import { startRetentionJob } from './services/retention.ts';
import { openState } from './state/index.ts';
import { openStore } from './storage/index.ts';
import { VERSION } from './version.ts';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  privateUmask();
  await secureDataDir(config.dataDir, logger);
  const store = await openStore({ kind: 'embedded', dataDir: config.dataDir, logger, ...(config.readers ? { readers: config.readers } : {}) });

  const counts = await store.counts();
  if (counts.lines === 0 && counts.traces === 0 && config.seedDemo) {
    console.log(`Empty store in ${config.dataDir}: loading demo data…`);
    const summary = await seedDemoData(store, { logger, ...(config.seedLines ? { lines: config.seedLines } : {}) });
    console.log(`Demo data: ${summary.lines} log lines, ${summary.traces} traces in ${(summary.durationMs / 1000).toFixed(1)} s`);
  }

  const state = openState(config.dataDir);
  const auth = await setUpAuth(config, state.tokens.verify, logger, state.audit);
  const app = buildApp({
    store,
    audit: state.audit,
    tokens: state.tokens,
    savedSearches: state.savedSearches,
    logger,
    authenticate: auth.authenticate,
    authConfig: auth.clientConfig,
    publicUrl: config.publicUrl,
    version: VERSION,
    maxBodyBytes: config.maxBodyBytes,
    dataDir: config.dataDir,
    distDir: config.distDir,
  });
  const retention = startRetentionJob({ logs: store.logs, logger });
  const server = createNodeServer(app, auth.idp);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });

  const loaded = await store.counts();
  console.log(`Vigil ${VERSION} is running at ${config.publicUrl}`);
  console.log(`  store: embedded, ${config.dataDir} (${loaded.lines} log lines, ${loaded.traces} traces)`);
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
    await retention.stop();
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
