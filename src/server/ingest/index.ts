/** Getting existing log files into the store. */
export { importLogFile, IMPORT_BATCH_SIZE, DEFAULT_IMPORT_TTL_DAYS } from './import-file.ts';
export type { ImportOptions } from './import-file.ts';
export { ImportError, MAX_CONTENT_CHARS } from './import-report.ts';
export type { ImportReport, LineExamples } from './import-report.ts';
export { detectTimestamp, FUTURE_TOLERANCE_MS } from './timestamps.ts';
export type { DetectedTime, TimestampContext, TimestampFormat } from './timestamps.ts';
export { wallClockToUtc, isValidTimeZone } from './zoned-time.ts';
export { detectLevel, labelsFor } from './line-labels.ts';
