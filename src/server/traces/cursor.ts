/**
 * The trace list's paging cursor: the keyset position (time, id) of the last trace shown, as
 * base64url so clients treat it as opaque. Anything that does not decode to two safe integers is
 * refused with 400 rather than silently restarting from the newest trace.
 */
import { HttpError } from '../http/http-error.ts';
import type { TraceCursor } from '../storage/ports.ts';

export function encodeCursor(cursor: TraceCursor): string {
  return Buffer.from(`${cursor.time}.${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): TraceCursor {
  const refuse = (): never => {
    throw new HttpError('validation_failed', 'invalid query: cursor is not one this server handed out', {
      issues: [{ path: 'query.cursor', message: 'use the cursor of a previous page unchanged' }],
    });
  };
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) return refuse();
  const match = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return refuse();
  const time = Number(match[1]);
  const id = Number(match[2]);
  if (!Number.isSafeInteger(time) || !Number.isSafeInteger(id)) return refuse();
  return { time, id };
}
