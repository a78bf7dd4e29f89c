import { z } from 'zod';
import { epochMs } from './common.ts';
import { LOG_SEARCH_LIMITS } from './log-search.ts';

export const SAVED_SEARCH_LIMITS = { maxNameLength: 80, maxScope: 100, maxPerUser: 200 } as const;

const groupName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a log group name');
const streamRef = z.string().regex(/^[A-Za-z0-9_.-]{1,64}\/[A-Za-z0-9_.-]{1,64}$/, 'group/stream');

/** A time range as the Search view's URL holds it: relative to now (`24h`) or a fixed window. */
export const savedRangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('relative'), amount: z.number().int().min(1).max(365 * 24 * 60), unit: z.enum(['m', 'h', 'd']) }),
  z
    .strictObject({ kind: z.literal('absolute'), from: epochMs, to: epochMs })
    .refine((range) => range.from < range.to, { message: '"from" must be before "to"', path: ['from'] }),
]);

/** The Search view's URL state that makes a search: query, time range, groups and streams. */
export const savedSearchStateSchema = z.strictObject({
  q: z.string().max(LOG_SEARCH_LIMITS.maxQueryLength),
  range: savedRangeSchema,
  groups: z.array(groupName).max(SAVED_SEARCH_LIMITS.maxScope),
  streams: z.array(streamRef).max(SAVED_SEARCH_LIMITS.maxScope),
});
export type SavedSearchState = z.infer<typeof savedSearchStateSchema>;

const name = z.string().trim().min(1, 'a name is required').max(SAVED_SEARCH_LIMITS.maxNameLength);

export const createSavedSearchSchema = z.strictObject({
  name,
  state: savedSearchStateSchema,
  /** Visible to every analyst (read-only for them). */
  shared: z.boolean().default(false),
});

export const updateSavedSearchSchema = z
  .strictObject({ name: name.optional(), state: savedSearchStateSchema.optional(), shared: z.boolean().optional() })
  .refine((patch) => patch.name !== undefined || patch.state !== undefined || patch.shared !== undefined, { message: 'nothing to change' });

export const savedSearchIdParamsSchema = z.strictObject({ id: z.string().uuid() });

export const savedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: savedSearchStateSchema,
  shared: z.boolean(),
  ownerId: z.string(),
  ownerName: z.string(),
  /** Whether the caller owns it (and so may edit and delete it). */
  own: z.boolean(),
  createdAt: epochMs,
  updatedAt: epochMs,
});
export type SavedSearch = z.infer<typeof savedSearchSchema>;

export const savedSearchListSchema = z.object({ savedSearches: z.array(savedSearchSchema) });
