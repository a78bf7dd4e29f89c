/**
 * The data folder holds the log store, Vigil's audit trail, API token hashes and the sign-in
 * provider's keys and sessions: readable by Vigil's user only. New files are created 0600 (umask)
 * in a 0700 folder; a folder or files from an earlier version with looser modes are tightened on
 * start, and the log says which.
 */
import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from './logger.ts';

/** Makes files this process creates from now on private (0600 files, 0700 folders). */
export function privateUmask(): void {
  process.umask(0o077);
}

/** Creates the folder if needed and removes group/other access from it and everything in it. */
export async function secureDataDir(dir: string, logger: Logger): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tightened: string[] = [];
  const tighten = async (target: string, mode: number) => {
    const info = await stat(target);
    if ((info.mode & 0o077) === 0) return;
    await chmod(target, mode);
    tightened.push(`${path.relative(dir, target) || '.'} ${(info.mode & 0o777).toString(8)} -> ${mode.toString(8)}`);
  };
  await tighten(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const target = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) await tighten(target, 0o700);
    else if (entry.isFile()) await tighten(target, 0o600);
  }
  if (tightened.length > 0) logger.warn('data folder permissions tightened (readable by other users before)', { dir, entries: tightened });
  return tightened;
}
