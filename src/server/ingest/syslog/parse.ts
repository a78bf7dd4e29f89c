/**
 * Syslog messages, RFC 5424 and RFC 3164 (BSD), to records. What the header states becomes
 * labels (host, app, process id, message id, facility, severity, structured data); the message
 * is the content. Anything that matches neither is kept whole as a raw line and counted.
 */
import type { RawRecord } from '../pipeline/normalize.ts';

const FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'security', 'console', 'solaris-cron',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'];
const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const LEVELS = ['ERROR', 'ERROR', 'ERROR', 'ERROR', 'WARN', 'INFO', 'INFO', 'DEBUG'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface SyslogMessage {
  record: RawRecord;
  /** Matched neither RFC: kept as a raw line. */
  malformed: boolean;
  host: string;
  app: string;
  facility: string;
  /** RFC 5424 `meta sequenceId`, for gap counting on UDP. */
  sequenceId: number | null;
}

const RFC5424 = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|\[.*?[^\\]\](?:\[.*?[^\\]\])*)(?: (.*))?$/s;
const TIMESTAMP_5424 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const RFC3164 = /^<(\d{1,3})>([A-Z][a-z]{2}) ( ?\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (?:(\S+) )?([^\s:[]{1,48})(?:\[([^\]]{1,32})\])?: ?(.*)$/s;
const SD_ELEMENT = /\[([^\s=\]"]{1,32})((?: [^\s=\]"]{1,32}="(?:[^"\\]|\\.)*")*)\]/g;
const SD_PARAM = / ([^\s=\]"]{1,32})="((?:[^"\\]|\\.)*)"/g;

function priority(raw: string): { facility: string; severity: number } | null {
  const pri = Number(raw);
  if (!Number.isInteger(pri) || pri > 191) return null;
  return { facility: FACILITIES[pri >> 3] ?? `facility${pri >> 3}`, severity: pri & 7 };
}

const nil = (value: string) => (value === '-' ? '' : value);

export function parseSyslog(raw: string, senderAddress: string, receivedAt: number): SyslogMessage {
  // Octet-counted frames may carry the sender's line end (rsyslog's templates add one).
  const text = raw.replace(/[\r\n]+$/, '');
  return parse5424(text, senderAddress) ?? parse3164(text, senderAddress, receivedAt) ?? {
    record: { time: null, content: text, labels: { category: 'syslog', hostIP: senderAddress, syslogFormat: 'raw' } },
    malformed: true, host: senderAddress, app: '', facility: '', sequenceId: null,
  };
}

function parse5424(text: string, sender: string): SyslogMessage | null {
  const m = RFC5424.exec(text);
  if (!m) return null;
  const pri = priority(m[1]!);
  if (!pri) return null;
  const [, , stamp, host, app, procId, msgId, sd] = m as unknown as string[];
  let time: number | null = null;
  if (stamp !== '-') {
    if (!TIMESTAMP_5424.test(stamp!)) return null;
    time = Date.parse(stamp!);
    if (Number.isNaN(time)) return null;
  }
  const labels: Record<string, string> = {
    category: 'syslog', syslogFormat: 'rfc5424', hostIP: sender, facility: pri.facility, severity: SEVERITIES[pri.severity]!, level: LEVELS[pri.severity]!,
  };
  if (nil(host!)) labels.hostName = host!;
  if (nil(app!)) labels.appName = app!;
  if (nil(procId!)) labels.procId = procId!;
  if (nil(msgId!)) labels.msgId = msgId!;
  let sequenceId: number | null = null;
  if (sd !== '-') {
    for (const element of sd!.matchAll(SD_ELEMENT)) {
      for (const param of element[2]!.matchAll(SD_PARAM)) {
        const value = param[2]!.replace(/\\(["\\\]])/g, '$1');
        labels[`sd.${element[1]}.${param[1]}`] = value;
        if (element[1] === 'meta' && param[1] === 'sequenceId' && /^\d{1,10}$/.test(value)) sequenceId = Number(value);
      }
    }
  }
  let message = m[8] ?? '';
  if (message.startsWith('\uFEFF')) message = message.slice(1);
  // Relays that rewrite BSD messages as RFC 5424 keep the space that followed "tag:".
  if (message.startsWith(' ')) message = message.slice(1);
  return { record: { time, content: message, labels }, malformed: false, host: nil(host!) || sender, app: nil(app!), facility: pri.facility, sequenceId };
}

function parse3164(text: string, sender: string, receivedAt: number): SyslogMessage | null {
  const m = RFC3164.exec(text);
  if (!m) return null;
  const pri = priority(m[1]!);
  const month = MONTHS.indexOf(m[2]!);
  if (!pri || month < 0) return null;
  // BSD syslog has no year and no zone: the year that puts the time closest before now (UTC).
  const now = new Date(receivedAt);
  let time = Date.UTC(now.getUTCFullYear(), month, Number(m[3]!.trim()), Number(m[4]), Number(m[5]), Number(m[6]));
  if (time > receivedAt + 86_400_000) time = Date.UTC(now.getUTCFullYear() - 1, month, Number(m[3]!.trim()), Number(m[4]), Number(m[5]), Number(m[6]));
  const host = m[7] ?? sender;
  const labels: Record<string, string> = {
    category: 'syslog', syslogFormat: 'rfc3164', hostIP: sender, hostName: host, appName: m[8]!, facility: pri.facility, severity: SEVERITIES[pri.severity]!, level: LEVELS[pri.severity]!,
  };
  if (m[9]) labels.procId = m[9];
  return { record: { time, content: m[10] ?? '', labels }, malformed: false, host, app: m[8]!, facility: pri.facility, sequenceId: null };
}
