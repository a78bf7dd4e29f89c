import type { Store } from '../storage/ports.ts';
import type { FeatureHandlers } from '../http/handlers.ts';

export function logGroupRoutes({ store }: { store: Store }): FeatureHandlers<'listLogGroups'> {
  return {
    listLogGroups: async () => ({ log_groups: await store.logs.listGroups() }),
  };
}
