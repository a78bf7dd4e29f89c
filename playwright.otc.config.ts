// Journeys with Vigil on the OTC store (VIGIL_STORE=otc) against two OTC API simulators, one per
// region. The simulators are test infrastructure built from the API documentation; their read
// quotas are raised here so a journey is not throttled by design (the quota itself has tests).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

const port = Number(process.env.VIGIL_E2E_PORT ?? 8182);
const [dePort, nlPort] = (process.env.VIGIL_E2E_SIM_PORTS ?? '8401,8402').split(',').map(Number) as [number, number];
export const otcBaseURL = `http://127.0.0.1:${port}`;
export const simURLs = { 'eu-de': `http://127.0.0.1:${dePort}`, 'eu-nl': `http://127.0.0.1:${nlPort}` };
process.env.VIGIL_E2E_SIM_URLS = JSON.stringify(simURLs);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-otc-'));
const ak = 'VIGILE2EAK00000000001';
const sk = 'vigil-e2e-secret-for-the-simulators';
const projects = { 'eu-de': '0e2e0000000000000000000000000de1', 'eu-nl': '0e2e0000000000000000000000000e11' };
const quota = ['--stream-reads-per-min', '2000', '--group-reads-per-min', '10000', '--account-reads-per-min', '20000'];

const sim = (region: 'eu-de' | 'eu-nl', simPort: number) => ({
  command: ['node src/server/testing/otc-sim/main.ts', '--port', String(simPort), '--region', region, '--ak', ak, '--sk', sk, '--project', projects[region], '--lines', '30000', ...quota].join(' '),
  url: `http://127.0.0.1:${simPort}/__sim/info`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

export default defineConfig({
  ...base,
  testDir: 'e2e/otc',
  // Three servers (two simulated regions and Vigil) share the machine with the browser.
  expect: { timeout: 20_000 },
  testIgnore: [],
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright-otc.json' }]],
  outputDir: 'test-results/playwright-otc',
  use: { ...base.use, baseURL: otcBaseURL },
  webServer: [
    sim('eu-de', dePort),
    sim('eu-nl', nlPort),
    {
      command: 'node src/server/index.ts',
      url: `${otcBaseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        VIGIL_PORT: String(port),
        VIGIL_DATA_DIR: dataDir,
        VIGIL_LOG_LEVEL: 'warn',
        VIGIL_STORE: 'otc',
        VIGIL_OTC_REGIONS: 'eu-de,eu-nl',
        VIGIL_OTC_ENDPOINT_EU_DE: simURLs['eu-de'],
        VIGIL_OTC_ENDPOINT_EU_NL: simURLs['eu-nl'],
        VIGIL_OTC_PROJECT_ID_EU_DE: projects['eu-de'],
        VIGIL_OTC_PROJECT_ID_EU_NL: projects['eu-nl'],
        VIGIL_OTC_AK: ak,
        VIGIL_OTC_SK: sk,
        VIGIL_OTC_TIMEOUT_MS: '3000',
        VIGIL_OTC_HEALTH_INTERVAL_MS: '2000',
        // The simulators listen on loopback, which the outbound client refuses unless allowed.
        VIGIL_OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
      },
    },
  ],
});
