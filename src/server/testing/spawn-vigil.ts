/** Vigil as a child process for crash tests (kill -9), on a fixed port and data folder. */
import { spawn, type ChildProcess } from 'node:child_process';

export async function spawnVigil(options: { port: number; dataDir: string; env?: Record<string, string> }): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['src/server/index.ts'], {
    env: { ...process.env, VIGIL_PORT: String(options.port), VIGIL_DATA_DIR: options.dataDir, VIGIL_SEED_DEMO: 'false', VIGIL_LOG_LEVEL: 'error', ...options.env },
    stdio: 'ignore',
  });
  const exited = exitOf(child);
  let gone = false;
  void exited.then(() => (gone = true));
  // Generous: a busy 2-core machine can take 15 s to start Vigil.
  for (let i = 0; i < 600 && !gone; i++) {
    if (await fetch(`http://127.0.0.1:${options.port}/api/health`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(gone ? 'Vigil exited during start' : 'Vigil did not start within 60 s');
}

/**
 * Resolves when the child has exited, also when it already has: an 'exit' emitted before a
 * listener is attached is never seen again (this hung the OTLP crash test inside Vitest, where
 * the senders' teardown after the kill took longer than the exit).
 */
export function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
