/**
 * The one place where the storage adapter is chosen (design rule 4). Routes and services receive
 * a Store and never ask which kind it is.
 */
import type { Logger } from '../logger.ts';
import { openEmbeddedStore } from './embedded/store.ts';
import type { SearchableStore } from './ports.ts';

export type * from './ports.ts';

export interface EmbeddedStoreConfig {
  kind: 'embedded';
  /** Folder holding vigil.db (created when missing). */
  dataDir: string;
  logger?: Logger;
  /** Reader threads (default: cores + 1, 2 to 8). */
  readers?: number;
}

export type StoreOptions = EmbeddedStoreConfig;

export async function openStore(options: StoreOptions): Promise<SearchableStore> {
  switch (options.kind) {
    case 'embedded':
      return openEmbeddedStore({
        dataDir: options.dataDir,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.readers ? { readers: options.readers } : {}),
      });
    default: {
      const unknownKind: never = options.kind;
      throw new Error(`unknown store kind "${String(unknownKind)}"`);
    }
  }
}
