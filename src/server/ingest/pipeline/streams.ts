/**
 * Group and stream names to stream ids, creating them on first use. Names come from senders and
 * routing rules, so they are made valid LTS names first (see safeName).
 */
import type { Store } from '../../storage/ports.ts';

/** An LTS-valid name from arbitrary text (host names, app names): other characters become '-'. */
export function safeName(raw: string, fallback: string): string {
  let name = raw.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64);
  name = name.replace(/^[._]+/, '').replace(/\.+$/, '');
  return name.length > 0 ? name : fallback;
}

export class StreamResolver {
  readonly #store: Store;
  readonly #ttlDays: number;
  readonly #ids = new Map<string, string>();

  constructor(store: Store, ttlDays: number) {
    this.#store = store;
    this.#ttlDays = ttlDays;
  }

  /** The id when already resolved, without a round trip (the common case on a hot path). */
  known(group: string, stream: string): string | undefined {
    return this.#ids.get(`${group}\u0000${stream}`);
  }

  async resolve(group: string, stream: string): Promise<string> {
    const key = `${group}\u0000${stream}`;
    const known = this.#ids.get(key);
    if (known) return known;
    const g = await this.#store.logs.ensureGroup({ name: group, ttlInDays: this.#ttlDays });
    const s = await this.#store.logs.ensureStream({ groupId: g.id, name: stream });
    this.#ids.set(key, s.id);
    return s.id;
  }
}
