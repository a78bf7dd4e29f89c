/**
 * Baselines remembered from one background pass to the next (pure). A baseline is a function of
 * its sample alone, so it is kept under the sample's fingerprint: when a pass gathers the same
 * sample again (the past it looks at did not change), it reuses the median, MAD and p90 instead
 * of sorting again. New rollups, an import into the past, an analyst's "expected" all change the
 * sample and with it the fingerprint, so nothing has to be invalidated by hand. The fingerprint
 * is 53 bits from two independent 32-bit hashes of the values' bits, the sample size and the
 * basis; a collision between two different samples of one series and hour is not a practical risk.
 */

const words = new Uint32Array(2);
const number = new Float64Array(words.buffer);

/** Fingerprint of a sample (values in gathering order, which is deterministic) and its basis. */
export function sampleFingerprint(values: ArrayLike<number>, basis: string): number {
  let a = 0x811c9dc5 ^ values.length;
  let b = 0x9e3779b9 ^ basis.length ^ (basis.charCodeAt(basis.length - 1) << 8) ^ (basis.charCodeAt(0) << 16);
  for (let i = 0; i < values.length; i++) {
    number[0] = values[i]!;
    for (let j = 0; j < 2; j++) {
      const w = words[j]!;
      a = Math.imul(a ^ w, 0x01000193);
      b = Math.imul((b << 13) | (b >>> 19), 5) + 0xe6546b64 + Math.imul(w, 0xcc9e2d51);
    }
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

interface Entry<T> {
  fingerprint: number;
  baseline: T;
}

/** One series' baselines by hour (epoch ms). */
export interface SeriesBaselines<T> {
  get(hour: number, fingerprint: number): T | undefined;
  set(hour: number, fingerprint: number, baseline: T): void;
}

export class BaselineCache {
  #previous = new Map<string, Map<number, Entry<unknown>>>();
  #current = new Map<string, Map<number, Entry<unknown>>>();
  hits = 0;
  misses = 0;

  /** Starts a pass: what the pass before did not use is forgotten (memory follows the window). */
  beginPass(): void {
    this.#previous = this.#current;
    this.#current = new Map();
    this.hits = 0;
    this.misses = 0;
  }

  forSeries<T>(key: string): SeriesBaselines<T> {
    const before = this.#previous.get(key);
    let now = this.#current.get(key);
    if (!now) this.#current.set(key, (now = new Map()));
    const kept = now;
    return {
      get: (hour, fingerprint) => {
        const entry = kept.get(hour) ?? before?.get(hour);
        if (entry?.fingerprint !== fingerprint) {
          this.misses++;
          return undefined;
        }
        this.hits++;
        kept.set(hour, entry);
        return entry.baseline as T;
      },
      set: (hour, fingerprint, baseline) => {
        kept.set(hour, { fingerprint, baseline });
      },
    };
  }
}
