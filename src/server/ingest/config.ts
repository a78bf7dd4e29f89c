/** Settings of the live receivers, from the environment (see README "Ingest"). */
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535).optional();
const schema = z.object({
  VIGIL_INGEST_QUEUE_LINES: z.coerce.number().int().min(1_000).default(200_000),
  VIGIL_INGEST_QUEUE_BYTES: z.coerce.number().int().min(1_048_576).default(64 * 1_048_576),
  VIGIL_INGEST_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(8 * 1_048_576),
  VIGIL_INGEST_RATE_PER_TOKEN: z.coerce.number().int().min(0).default(100_000),
  VIGIL_INGEST_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  VIGIL_SYSLOG_HOST: z.string().default('127.0.0.1'),
  VIGIL_SYSLOG_TCP_PORT: port,
  VIGIL_SYSLOG_UDP_PORT: port,
  VIGIL_SYSLOG_TLS_PORT: port,
  VIGIL_SYSLOG_TLS_CERT: z.string().optional(),
  VIGIL_SYSLOG_TLS_KEY: z.string().optional(),
  /** CA file: when set, TLS senders must present a client certificate it signed. */
  VIGIL_SYSLOG_TLS_CA: z.string().optional(),
  /** Comma-separated addresses or CIDR ranges allowed to send syslog; empty: loopback only. */
  VIGIL_SYSLOG_ALLOW: z.string().default('127.0.0.1/32,::1/128'),
  VIGIL_SYSLOG_GROUP: z.string().default('syslog'),
  /** Stream template: ${host}, ${app}, ${facility}. */
  VIGIL_SYSLOG_STREAM: z.string().default('${host}'),
  /** Rules "field=glob:group/stream-template" separated by ";" (first match wins). */
  VIGIL_SYSLOG_ROUTES: z.string().default(''),
});

export interface IngestConfig {
  queueLines: number;
  queueBytes: number;
  maxBodyBytes: number;
  ratePerToken: number;
  ttlDays: number;
  syslog: SyslogConfig;
}

export interface SyslogConfig {
  host: string;
  tcpPort: number | undefined;
  udpPort: number | undefined;
  tlsPort: number | undefined;
  tls: { cert: string; key: string; ca: string | undefined } | undefined;
  allow: string[];
  group: string;
  stream: string;
  routes: string;
}

export function readIngestConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n  ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.VIGIL_SYSLOG_TLS_PORT && !(e.VIGIL_SYSLOG_TLS_CERT && e.VIGIL_SYSLOG_TLS_KEY)) {
    throw new Error('Invalid configuration:\n  VIGIL_SYSLOG_TLS_PORT needs VIGIL_SYSLOG_TLS_CERT and VIGIL_SYSLOG_TLS_KEY');
  }
  return {
    queueLines: e.VIGIL_INGEST_QUEUE_LINES,
    queueBytes: e.VIGIL_INGEST_QUEUE_BYTES,
    maxBodyBytes: e.VIGIL_INGEST_MAX_BODY_BYTES,
    ratePerToken: e.VIGIL_INGEST_RATE_PER_TOKEN,
    ttlDays: e.VIGIL_INGEST_TTL_DAYS,
    syslog: {
      host: e.VIGIL_SYSLOG_HOST,
      tcpPort: e.VIGIL_SYSLOG_TCP_PORT,
      udpPort: e.VIGIL_SYSLOG_UDP_PORT,
      tlsPort: e.VIGIL_SYSLOG_TLS_PORT,
      tls: e.VIGIL_SYSLOG_TLS_CERT && e.VIGIL_SYSLOG_TLS_KEY ? { cert: e.VIGIL_SYSLOG_TLS_CERT, key: e.VIGIL_SYSLOG_TLS_KEY, ca: e.VIGIL_SYSLOG_TLS_CA } : undefined,
      allow: e.VIGIL_SYSLOG_ALLOW.split(',').map((v) => v.trim()).filter(Boolean),
      group: e.VIGIL_SYSLOG_GROUP,
      stream: e.VIGIL_SYSLOG_STREAM,
      routes: e.VIGIL_SYSLOG_ROUTES,
    },
  };
}
