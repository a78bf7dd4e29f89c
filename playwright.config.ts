import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, installed by `npm test` / .ci/run; Playwright never downloads a browser here.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.VIGIL_E2E_PORT ?? 8181);
export const baseURL = `http://127.0.0.1:${port}`;
// A fresh data folder per run: the journeys see exactly the seeded demo data.
const dataDir = process.env.VIGIL_E2E_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-'));
process.env.VIGIL_E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: 'e2e',
  // Journeys on the OTC store run with playwright.otc.config.ts (their own servers).
  testIgnore: ['otc/**'],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright',
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'node src/server/index.ts',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      VIGIL_PORT: String(port),
      VIGIL_DATA_DIR: dataDir,
      VIGIL_SEED_LINES: '40000',
      VIGIL_LOG_LEVEL: 'warn',
      // Short-lived tokens, so the journeys exercise silent renewal (the SPA renews 60 s before expiry).
      VIGIL_IDP_ACCESS_TOKEN_SECONDS: '75',
      // The notification journeys deliver to a receiver the test starts on this machine.
      VIGIL_OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    },
  },
});
