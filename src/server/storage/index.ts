/**
 * The one place where the storage adapter is chosen (design rule 4). Routes and services receive
 * a Store and never ask which kind it is.
 */
import type { Logger } from '../logger.ts';
import { openEmbeddedStore } from './embedded/store.ts';
import type { SearchableStore } from './ports.ts';
import type { OtcConfig } from './otc/config.ts';
import { openOtcStore } from './otc/store.ts';
import { sendThrough } from './otc/http.ts';
import type { OutboundClient } from '../outbound/index.ts';

export type * from './ports.ts';

export interface EmbeddedStoreConfig {
  kind: 'embedded';
  /** Folder holding vigil.db (created when missing). */
  dataDir: string;
  logger?: Logger;
  /** Reader threads (default: cores + 1, 2 to 8). */
  readers?: number;
}

export interface OtcStoreConfig {
  kind: 'otc';
  config: OtcConfig;
  /** Vigil's outbound client: every call to OTC goes through it. */
  outbound: OutboundClient;
  logger?: Logger;
}

export type StoreOptions = EmbeddedStoreConfig | OtcStoreConfig;

export async function openStore(options: StoreOptions): Promise<SearchableStore> {
  switch (options.kind) {
    case 'embedded':
      return openEmbeddedStore({
        dataDir: options.dataDir,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.readers ? { readers: options.readers } : {}),
      });
    case 'otc': {
      const store = openOtcStore({ config: options.config, send: sendThrough(options.outbound), ...(options.logger ? { logger: options.logger } : {}) });
      // First check right away, so /api/health shows every region's state from the start.
      await store.pool.checkAll();
      store.pool.startHealthChecks(options.config.healthIntervalMs);
      return store;
    }
    default: {
      const unknownKind: never = options;
      throw new Error(`unknown store kind "${String(unknownKind)}"`);
    }
  }
}
