/**
 * Anomaly ids name the series and the first bucket, so a detail can be recomputed from the id
 * alone (after a restart, or for history outside the cached window): base64url of
 * [kind, subject, start]. Decoding checks the shape; a forged id can only name a series.
 */
import { anomalyKindSchema, anomalySubjectSchema, type AnomalyKind, type AnomalySubject } from '../../../contract/index.ts';
import { z } from 'zod';

const idShape = z.tuple([anomalyKindSchema, anomalySubjectSchema, z.number().int().nonnegative()]);

export function anomalyId(kind: AnomalyKind, subject: AnomalySubject, start: number): string {
  return Buffer.from(JSON.stringify([kind, subject, start])).toString('base64url');
}

export function parseAnomalyId(id: string): { kind: AnomalyKind; subject: AnomalySubject; start: number } | null {
  try {
    const parsed = idShape.safeParse(JSON.parse(Buffer.from(id, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const [kind, subject, start] = parsed.data;
    return { kind, subject, start };
  } catch {
    return null;
  }
}
