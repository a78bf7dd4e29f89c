/**
 * Labels for imported lines, in the LTS vocabulary: the source file, and where the line itself
 * says so, the host, the program and the severity. Guesses are conservative: a label is only set
 * when the line's own header states it.
 */

export type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

// Severity words as loggers print them; lowercase only in bracketed/keyword positions below.
const LEVEL_WORDS: Record<string, Level> = {
  TRACE: 'DEBUG', DEBUG: 'DEBUG', FINE: 'DEBUG', INFO: 'INFO', NOTICE: 'INFO', WARN: 'WARN', WARNING: 'WARN',
  ERROR: 'ERROR', ERR: 'ERROR', SEVERE: 'ERROR', CRIT: 'ERROR', CRITICAL: 'ERROR', FATAL: 'ERROR', ALERT: 'ERROR', EMERG: 'ERROR',
};
// Standalone upper-case word (Hadoop, Zookeeper, OpenStack), a bracketed word in any case (Apache
// "[notice]", nginx "[error]"), or Windows CBS's capitalised word after the timestamp comma.
const LEVEL = /(?:^|[\s|])(TRACE|DEBUG|FINE|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|CRIT|CRITICAL|FATAL|ALERT|EMERG)(?=[\s|:\]]|$)|\[([A-Za-z]{3,8})\]|^\S+ \S+, (Info|Warning|Error)\b/;
const JSON_LEVEL = /"(?:level|severity|lvl|loglevel)"\s*:\s*"([A-Za-z]{3,8})"/;
// After a syslog timestamp: "host program[pid]:" or "host program:".
const SYSLOG_HEADER = /^(?:<\d{1,3}>)?[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d+)? (\S+) ([^\s:[]+)(?:\[\d+\])?:/;

/** Severity named in the first part of the line, if any. */
export function detectLevel(line: string): Level | null {
  const head = line.length > 200 ? line.slice(0, 200) : line;
  if (head.startsWith('{')) {
    const json = JSON_LEVEL.exec(head);
    if (json) return LEVEL_WORDS[json[1]!.toUpperCase()] ?? null;
  }
  const m = LEVEL.exec(head);
  if (!m) return null;
  const word = (m[1] ?? m[2] ?? m[3] ?? '').toUpperCase();
  return LEVEL_WORDS[word] ?? null;
}

// Thunderbird/BGL: "- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond[2916]: …".
const EPOCH_HEADER = /^\S+ \d{9,10} \d{4}\.\d{2}\.\d{2} (\S+) [A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} \S+ ([^\s:[]+)(?:\[\d+\])?:/;

/** Host and program from a classic syslog header (or the supercomputer variant above). */
export function syslogSource(line: string): { hostName: string; appName: string } | null {
  const m = SYSLOG_HEADER.exec(line) ?? EPOCH_HEADER.exec(line);
  return m ? { hostName: m[1]!, appName: m[2]! } : null;
}

export function labelsFor(line: string, pathFile: string): Record<string, string> {
  const labels: Record<string, string> = { pathFile, category: 'LTS' };
  const source = syslogSource(line);
  // A header word that long is not a host name; leave it out rather than make the label huge.
  if (source && source.hostName.length <= 255 && source.appName.length <= 255) {
    labels.hostName = source.hostName;
    labels.appName = source.appName;
  }
  const level = detectLevel(line);
  if (level) labels.level = level;
  return labels;
}
