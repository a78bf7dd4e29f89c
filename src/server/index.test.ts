// The real entry point in a child process: starts on a fresh data folder, serves, and on SIGTERM
// stops accepting, finishes, closes the store and exits 0.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function waitFor(child: ReturnType<typeof spawn>, pattern: RegExp, output: { text: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${output.text}`)), 60_000);
    const check = () => {
      if (pattern.test(output.text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => ((output.text += chunk.toString()), check()));
    child.stderr?.on('data', (chunk: Buffer) => ((output.text += chunk.toString()), check()));
    child.on('exit', (code) => reject(new Error(`exited early with ${code}:\n${output.text}`)));
  });
}

describe('vigil server process', () => {
  it('seeds on first start, serves health, and shuts down gracefully on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-start-'));
    const port = 18_000 + Math.floor(Math.random() * 1000);
    const child = spawn(process.execPath, ['src/server/index.ts'], {
      env: { ...process.env, VIGIL_PORT: String(port), VIGIL_DATA_DIR: dataDir, VIGIL_SEED_LINES: '5000', VIGIL_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { text: '' };
    try {
      await waitFor(child, /is running at/, output);
      expect(output.text).toContain('Demo data: 5000 log lines');
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { store: { lines: number } };
      expect(health.store.lines).toBe(5000);

      // A URL beyond Node's header limit gets the JSON error envelope, not an empty 431.
      const long = await fetch(`http://127.0.0.1:${port}/api/logs/search?q=${'a'.repeat(20_000)}`);
      expect(long.status).toBe(431);
      expect(((await long.json()) as { error: { code: string } }).error.code).toBe('bad_request');

      // The data folder and everything in it is private to Vigil's user.
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      for (const file of ['vigil.db', 'vigil.db-wal', 'state.db', 'idp.db', 'idp-secrets.json']) {
        expect((await stat(path.join(dataDir, file))).mode & 0o777, file).toBe(0o600);
      }

      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output.text).toMatch(/"msg":"stopped"/);
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
