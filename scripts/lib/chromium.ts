import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEFAULT_PATH = '/usr/bin/chromium';
const INSTALL = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium';

export type ChromiumCheck = { ok: true; path: string } | { ok: false; message: string };

/**
 * Finds Debian's Chromium for the Playwright journeys. As root it installs the package when
 * missing; otherwise it names the exact command. It never downloads a browser of its own.
 */
export function ensureChromium(): ChromiumCheck {
  const path = process.env.CHROMIUM_PATH ?? DEFAULT_PATH;
  if (existsSync(path)) return { ok: true, path };
  if (process.getuid?.() !== 0) {
    return { ok: false, message: `Chromium is missing at ${path}. Install Debian's package as root:\n  sudo sh -c '${INSTALL}'` };
  }
  console.log(`\n▶ installing Debian's chromium (${INSTALL})`);
  const install = spawnSync('sh', ['-c', INSTALL], { stdio: 'inherit' });
  if (install.status === 0 && existsSync(path)) return { ok: true, path };
  return { ok: false, message: `Installing Chromium failed (exit ${install.status}); run: ${INSTALL}` };
}
