/** Plain-text formatting for CLI output. */

const numbers = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return numbers.format(n);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "19,571 lines/s" */
export function perSecond(n: number, ms: number, unit: string): string {
  return ms > 0 ? `${count(Math.round((n * 1000) / ms))} ${unit}/s` : `n/a ${unit}/s`;
}

/** "2026-11-25 02:05:00 UTC" */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * Emits progress at most every `intervalMs` through `write`, which ends lines itself except for
 * texts starting with "\r": on a terminal those overwrite each other in place.
 */
export function throttledProgress(write: (text: string) => void, interactive: boolean, intervalMs = 1000) {
  // -Infinity: the first update always shows, however soon after the process started.
  let last = -Infinity;
  let shown = false;
  return {
    update(text: string, force = false) {
      const now = performance.now();
      if (!force && now - last < intervalMs) return;
      last = now;
      shown = true;
      write(interactive ? `\r${text}\u001b[K` : text);
    },
    done() {
      if (shown && interactive) write('');
    },
  };
}
