// `npm test`: every check Vigil has, in one run, ending with the line "N passed, N failed".
// Static checks count as one test each; Vitest and Playwright contribute their own totals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './lib/chromium.ts';

interface StepResult {
  name: string;
  passed: number;
  failed: number;
}

const results: StepResult[] = [];
mkdirSync('test-results', { recursive: true });

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status === 0;
}

function check(name: string, command: string, args: string[]): boolean {
  const ok = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  return ok;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']);
check('typecheck (server)', 'npx', ['tsc', '-p', 'tsconfig.server.json']);
check('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);

rmSync('test-results/vitest.json', { force: true });
const vitestOk = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number }>('test-results/vitest.json');
results.push({
  name: 'vitest',
  passed: vitest?.numPassedTests ?? 0,
  // A crash before the report (or a failing suite without failing tests) still counts as a failure.
  failed: (vitest?.numFailedTests ?? 0) || (vitestOk ? 0 : 1),
});

const built = check('build', 'npx', ['vite', 'build']);
if (built) check('initial JS budget', 'node', ['scripts/check-bundle-budget.ts']);

const chromium = ensureChromium();
if (!chromium.ok) {
  console.error(`\n${chromium.message}`);
  results.push({ name: 'playwright (no Chromium)', passed: 0, failed: 1 });
} else if (built) {
  rmSync('test-results/playwright.json', { force: true });
  const e2eOk = run('npx', ['playwright', 'test'], { CHROMIUM_PATH: chromium.path });
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>('test-results/playwright.json');
  results.push({
    name: 'playwright',
    passed: (report?.stats.expected ?? 0) + (report?.stats.flaky ?? 0),
    failed: (report?.stats.unexpected ?? 0) || (e2eOk ? 0 : 1),
  });
  // The OTC store's journeys: Vigil with VIGIL_STORE=otc against two simulated regions.
  rmSync('test-results/playwright-otc.json', { force: true });
  const otcOk = run('npx', ['playwright', 'test', '-c', 'playwright.otc.config.ts'], { CHROMIUM_PATH: chromium.path });
  const otc = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>('test-results/playwright-otc.json');
  results.push({
    name: 'playwright (OTC store)',
    passed: (otc?.stats.expected ?? 0) + (otc?.stats.flaky ?? 0),
    failed: (otc?.stats.unexpected ?? 0) || (otcOk ? 0 : 1),
  });
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.name.padEnd(28)} ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && existsSync('test-results') ? 0 : 1);
