/**
 * Log levels as written by many loggers (syslog severities, Java, Go, Python) sorted into a few
 * tones, so `ERR`, `error` and `FATAL` share a colour and the histogram stacks them by severity.
 */
export type LevelTone = 'error' | 'warn' | 'info' | 'debug' | 'other';

const TONES: ReadonlyArray<[LevelTone, readonly string[]]> = [
  ['error', ['EMERG', 'EMERGENCY', 'ALERT', 'CRIT', 'CRITICAL', 'FATAL', 'PANIC', 'SEVERE', 'ERR', 'ERROR']],
  ['warn', ['WARN', 'WARNING']],
  ['info', ['NOTICE', 'INFO', 'INFORMATION', 'INFORMATIONAL']],
  ['debug', ['DEBUG', 'TRACE', 'FINE', 'FINER', 'FINEST', 'VERBOSE']],
];

const toneByName = new Map(TONES.flatMap(([tone, names]) => names.map((name) => [name, tone] as const)));
const toneOrder: readonly LevelTone[] = ['error', 'warn', 'info', 'debug', 'other'];

export function levelTone(level: string | undefined): LevelTone {
  return (level && toneByName.get(level.trim().toUpperCase())) || 'other';
}

/** Most severe first; within a tone, by name, with the histogram's "no level" bucket last. */
export function compareLevels(a: string, b: string): number {
  const byTone = toneOrder.indexOf(levelTone(a)) - toneOrder.indexOf(levelTone(b));
  if (byTone !== 0) return byTone;
  if (a === NO_LEVEL || b === NO_LEVEL) return a === NO_LEVEL ? 1 : -1;
  return a.localeCompare(b);
}

/** The histogram's name for lines without a level label. */
export const NO_LEVEL = 'NONE';

/** The CSS colour token of a tone (defined in search.css, light and dark). */
export function levelColor(level: string): string {
  return `var(--level-${levelTone(level)})`;
}
