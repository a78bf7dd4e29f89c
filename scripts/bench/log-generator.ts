/**
 * Deterministic, realistic log lines for the bench: sshd, nginx access and application lines of
 * about 130 bytes, from a seeded PRNG so every run writes the same data.
 */
import type { NewLogLine } from '../../src/server/storage/ports.ts';

export type BenchStream = 'sshd' | 'nginx' | 'app';
export const BENCH_STREAMS: readonly BenchStream[] = ['sshd', 'nginx', 'app'];

/** mulberry32: tiny, fast, good enough to vary templates and fields. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const USERS = ['root', 'admin', 'ubuntu', 'deploy', 'alice', 'bob', 'postgres', 'git', 'oracle', 'test'];
const PATHS = ['/api/v1/logs', '/api/v1/traces', '/login', '/static/app.js', '/health', '/api/v1/search?q=error', '/favicon.ico'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', 'curl/8.5.0', 'Go-http-client/1.1', 'python-requests/2.32'];
const REFERRERS = ['-', '-', 'https://vigil.example.com/search'];
const SERVICES = ['billing', 'orders', 'auth', 'search', 'ingest'];
const EXCEPTIONS = ['java.net.SocketTimeoutException: Read timed out', 'java.sql.SQLTransientConnectionException: pool exhausted'];

export function createLineGenerator(seed: number, startTime: number, meanGapMs: number) {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const ip = () => `${int(223) + 1}.${int(256)}.${int(256)}.${int(256)}`;
  const hex = (length: number) => Array.from({ length }, () => int(16).toString(16)).join('');
  let time = startTime;

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const syslogTime = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${clock(d)}`;
  const nginxTime = (d: Date) => `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${clock(d)} +0000`;

  const sshd = (d: Date): [string, string] => {
    const prefix = `${syslogTime(d)} bastion-${int(3) + 1}.eu-de.internal sshd[${1000 + int(60_000)}]:`;
    const roll = random();
    const port = 1024 + int(64_000);
    if (roll < 0.55) return [`${prefix} Failed password for invalid user ${pick(USERS)} from ${ip()} port ${port} ssh2`, 'WARN'];
    if (roll < 0.85) return [`${prefix} Accepted publickey for ${pick(USERS)} from ${ip()} port ${port} ssh2: RSA SHA256:${hex(22)}`, 'INFO'];
    return [`${prefix} pam_unix(sshd:session): session closed for user ${pick(USERS)} by (uid=0)`, 'INFO'];
  };
  const nginx = (d: Date): [string, string] => {
    const status = random() < 0.9 ? 200 : pick([301, 404, 499, 500, 502]);
    const level = status >= 500 ? 'ERROR' : 'INFO';
    const request = `"GET ${pick(PATHS)} HTTP/1.1" ${status} ${int(90_000)}`;
    return [`${ip()} - - [${nginxTime(d)}] ${request} "${pick(REFERRERS)}" "${pick(AGENTS)}" rt=${(random() * 2).toFixed(3)}`, level];
  };
  const app = (d: Date): [string, string] => {
    const prefix = `${d.toISOString()} [http-nio-8080-exec-${int(32)}]`;
    const roll = random();
    const service = pick(SERVICES);
    if (roll < 0.05) return [`${prefix} ERROR ${service} request ${hex(12)} failed after ${int(30_000)} ms: ${pick(EXCEPTIONS)}`, 'ERROR'];
    if (roll < 0.18) return [`${prefix} WARN  ${service} slow query took ${int(5_000)} ms on table events_${int(64)} (trace ${hex(16)})`, 'WARN'];
    return [`${prefix} INFO  ${service} handled request ${hex(12)} for tenant t-${int(500)} in ${int(800)} ms, ${int(100)} items`, 'INFO'];
  };
  const templates = { sshd, nginx, app };

  return {
    /** The next `count` lines of one stream; time only moves forward, a few lines share a ms. */
    batch(stream: BenchStream, count: number): NewLogLine[] {
      const lines: NewLogLine[] = new Array(count);
      for (let i = 0; i < count; i++) {
        time += Math.floor(random() * 2 * meanGapMs);
        const [content, level] = templates[stream](new Date(time));
        lines[i] = { time, content, labels: { level, hostName: `${stream}-${int(4) + 1}`, pathFile: `/var/log/${stream}.log` } };
      }
      return lines;
    },
  };
}
