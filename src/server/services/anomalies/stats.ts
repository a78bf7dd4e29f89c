/** Order statistics for the baselines (pure). `values` is sorted in place. */

export function sortNumbers(values: number[]): number[] {
  return values.sort((a, b) => a - b);
}

/** Quantile by linear interpolation of a sorted array; NaN when empty. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** Median absolute deviation around `median`. */
export function madOf(values: readonly number[], median: number): number {
  return quantileSorted(sortNumbers(values.map((v) => Math.abs(v - median))), 0.5);
}

/** 1.4826 x MAD estimates the standard deviation of normal data; 1.2816 is the normal 90 % quantile. */
export const MAD_TO_SIGMA = 1.4826;
export const Z_P90 = 1.2816;
