import type { z } from 'zod';
import type { forwarderHealthSchema, ForwarderStatus } from '../../contract/index.ts';

export type { ForwarderStatus };
export type ForwarderHealth = z.infer<typeof forwarderHealthSchema>;
