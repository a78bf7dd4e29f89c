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
  /**
   * The last pass's baseline of `hour` when nothing it was computed from can have changed (see
   * SeriesInput); the caller then need not even gather the sample.
   */
  unchanged(hour: number): T | undefined;
  get(hour: number, fingerprint: number): T | undefined;
  set(hour: number, fingerprint: number, baseline: T): void;
}

/**
 * What a series' baselines are computed from. Between two passes, the buckets are compared from
 * the later of the two starts on: the baseline of hour H reads buckets of [H - 4 weeks - 1 h,
 * H + 2 h) clipped to the data (dataFrom, start), so it is unchanged when every bucket up to
 * H + 2 h is, and its clipped start is the same in both passes.
 */
export interface SeriesInput {
  start: number;
  step: number;
  dataFrom: number | null;
  /** The count arrays (for a ratio: errors and lines). */
  arrays: readonly (readonly number[])[];
  /** The analyst's exclusions, as a comparable text. */
  exclusions: string;
}

/** How far back a baseline's sample reaches before its hour, and how far after. */
const SAMPLE_BEFORE_MS = 4 * 7 * 86_400_000 + 3_600_000;
const SAMPLE_AFTER_MS = 2 * 3_600_000;

/** Start of the first bucket that differs between two inputs of one series (or where one ends). */
function firstChange(before: SeriesInput, now: SeriesInput): { from: number; until: number } | null {
  if (before.step !== now.step || before.dataFrom !== now.dataFrom || before.exclusions !== now.exclusions || before.arrays.length !== now.arrays.length) return null;
  const from = Math.max(before.start, now.start);
  const length = (input: SeriesInput) => input.arrays[0]!.length;
  const end = Math.min(before.start + length(before) * before.step, now.start + length(now) * now.step);
  const shiftBefore = (from - before.start) / before.step;
  const shiftNow = (from - now.start) / now.step;
  if (!Number.isInteger(shiftBefore) || !Number.isInteger(shiftNow)) return null;
  const buckets = Math.max(0, (end - from) / now.step);
  for (let k = 0; k < buckets; k++) {
    for (let a = 0; a < now.arrays.length; a++) {
      if (before.arrays[a]![k + shiftBefore] !== now.arrays[a]![k + shiftNow]) return { from, until: from + k * now.step };
    }
  }
  return { from, until: from + buckets * now.step };
}

export class BaselineCache {
  #previous = new Map<string, Map<number, Entry<unknown>>>();
  #current = new Map<string, Map<number, Entry<unknown>>>();
  #inputsBefore = new Map<string, SeriesInput>();
  #inputs = new Map<string, SeriesInput>();
  hits = 0;
  misses = 0;

  /** Starts a pass: what the pass before did not use is forgotten (memory follows the window). */
  beginPass(): void {
    this.#previous = this.#current;
    this.#current = new Map();
    this.#inputsBefore = this.#inputs;
    this.#inputs = new Map();
    this.hits = 0;
    this.misses = 0;
  }

  /** `input`: what the series is this pass, so unchanged hours are reused without a sample. */
  forSeries<T>(key: string, input?: SeriesInput): SeriesBaselines<T> {
    const before = this.#previous.get(key);
    let now = this.#current.get(key);
    if (!now) this.#current.set(key, (now = new Map()));
    const kept = now;
    const inputBefore = this.#inputsBefore.get(key);
    if (input) this.#inputs.set(key, input);
    const change = input && inputBefore ? firstChange(inputBefore, input) : null;
    // Clipping at the data's start is the same in both passes when the data starts inside both.
    const clipSame = change !== null && input!.dataFrom !== null && input!.dataFrom >= change.from;
    return {
      unchanged: (hour) => {
        if (!change || hour + SAMPLE_AFTER_MS > change.until || !(clipSame || hour - SAMPLE_BEFORE_MS >= change.from)) return undefined;
        const entry = before?.get(hour);
        if (!entry) return undefined;
        this.hits++;
        kept.set(hour, entry);
        return entry.baseline as T;
      },
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
