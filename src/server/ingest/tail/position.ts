/**
 * Where a followed file stands: the file's identity (device and inode, as text since inodes can
 * exceed 2^53) and the byte offset just after the last committed line. Saved with the lines in
 * one transaction, so after a crash the file resumes exactly there.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface TailPosition {
  dev: string;
  ino: string;
  offset: number;
}

export function parsePosition(text: string | null): TailPosition | null {
  if (text === null) return null;
  try {
    const p = JSON.parse(text) as Partial<TailPosition>;
    if (typeof p.dev === 'string' && typeof p.ino === 'string' && typeof p.offset === 'number' && p.offset >= 0) return { dev: p.dev, ino: p.ino, offset: p.offset };
  } catch {
    // An unreadable position is treated as none; the caller says so.
  }
  return null;
}

export async function identityOf(path: string): Promise<{ dev: string; ino: string; size: number } | null> {
  try {
    const s = await stat(path, { bigint: true });
    return { dev: s.dev.toString(), ino: s.ino.toString(), size: Number(s.size) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * After a restart the path may name a new file: the one we were reading was renamed by the
 * rotation (app.log → app.log.1, app.log-20261206). Look for it beside the path by identity.
 */
export async function findRotated(path: string, dev: string, ino: string): Promise<string | null> {
  const dir = dirname(path);
  const base = basename(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  for (const name of names) {
    if (name === base || !name.startsWith(base)) continue;
    const id = await identityOf(join(dir, name));
    if (id && id.dev === dev && id.ino === ino) return join(dir, name);
  }
  return null;
}
