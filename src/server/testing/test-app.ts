// Test kit: the real Hono app over a real embedded store in a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { buildApp, type AppDeps } from '../app.ts';
import { createAuthenticator } from '../auth/authenticator.ts';
import { silentLogger } from '../logger.ts';
import { openStore } from '../storage/index.ts';
import type { SearchableStore } from '../storage/ports.ts';
import type { AppEnv } from '../http/app-env.ts';
import { openState, type VigilState } from '../state/index.ts';
import { createTestIssuer, TEST_AUDIENCE, TEST_ISSUER, TEST_ORIGIN, type TestIssuer } from './tokens.ts';

export interface TestApp {
  app: Hono<AppEnv>;
  store: SearchableStore;
  state: VigilState;
  issuer: TestIssuer;
  dataDir: string;
  close(): Promise<void>;
}

/** `wrapStore` lets a test put a double in front of the real store (the app sees the wrapper). */
export async function createTestApp(
  overrides: Partial<AppDeps> | ((store: SearchableStore, state: VigilState) => Partial<AppDeps>) = {},
  wrapStore: (store: SearchableStore) => SearchableStore = (store) => store,
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-test-'));
  const store = await openStore({ kind: 'embedded', dataDir, logger: silentLogger });
  const issuer = await createTestIssuer();
  // One clock for the app and its state, so audit records fall in the windows tests ask about.
  const state = openState(dataDir, typeof overrides === 'function' ? undefined : overrides.now);
  const app = buildApp({
    store: wrapStore(store),
    audit: state.audit,
    tokens: state.tokens,
    ingestTokens: state.ingestTokens,
    savedSearches: state.savedSearches,
    anomalyFeedback: state.anomalyFeedback,
    alertRules: state.alertRules,
    alertEvents: state.alertEvents,
    channels: state.channels,
    silences: state.silences,
    outbox: state.outbox,
    compliance: state.compliance,
    forwarders: state.forwarders,
    ctsVerifications: state.ctsVerifications,
    logger: silentLogger,
    authenticate: createAuthenticator(issuer.policy, state.tokens.verify),
    authConfig: {
      issuer: TEST_ISSUER,
      clientId: 'vigil-spa',
      scope: 'openid profile roles',
      resource: TEST_AUDIENCE,
      dpop: true,
      mfaAcrValue: 'urn:vigil:mfa',
      embeddedProvider: true,
    },
    publicUrl: TEST_ORIGIN,
    version: '0.0.0-test',
    maxBodyBytes: 4096,
    dataDir,
    ...(typeof overrides === 'function' ? overrides(store, state) : overrides),
  });
  return {
    app,
    store,
    state,
    issuer,
    dataDir,
    async close() {
      state.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
