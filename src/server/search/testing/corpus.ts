/**
 * A small, varied, deterministic log corpus for search tests: access lines with status and bytes,
 * sshd, JSON app logs, key=value lines, IPv4/IPv6 hosts, labels in columns and in JSON, lines
 * without labels, mixed case and a few accented words. Each line also records its stream, so the
 * tests can evaluate the reference over exactly what the store holds.
 */
import type { NewLogLine, Store } from '../../storage/ports.ts';

export interface CorpusLine extends NewLogLine {
  stream: 'web' | 'auth' | 'app';
}

const USERS = ['root', 'admin', 'Admin7', 'sysadmin', 'deploy', 'café', 'jonas'];
const PATHS = ['/api/v1/cart', '/wp-login.php', '/index.html', '/api/v1/checkout', '/.env'];
const HOSTS = [
  { hostName: 'web-1', hostIP: '10.0.1.11' },
  { hostName: 'web-2', hostIP: '10.0.1.12' },
  { hostName: 'db-1', hostIP: '192.168.1.20' },
  { hostName: 'edge-6', hostIP: '2001:db8::7' },
];
const LEVELS = ['INFO', 'WARN', 'ERROR'];

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildCorpus(count: number, start: number, stepMs: number, seed = 7): CorpusLine[] {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const lines: CorpusLine[] = [];
  for (let index = 0; index < count; index++) {
    const time = start + index * stepMs + Math.floor(random() * stepMs);
    const host = pick(HOSTS);
    const level = pick(LEVELS);
    const user = pick(USERS);
    const ip = `10.${Math.floor(random() * 3)}.${Math.floor(random() * 4)}.${Math.floor(random() * 250)}`;
    const kind = index % 5;
    if (kind === 0) {
      const status = pick([200, 200, 200, 301, 404, 500, 503]);
      const content = `${ip} - - [26/Nov/2026:10:00:00 +0000] "${pick(['GET', 'POST'])} ${pick(PATHS)} HTTP/1.1" ${status} ${status === 301 ? 0 : Math.floor(random() * 5000)} "-" "curl/8.5" rt=${(random()).toFixed(3)}`;
      lines.push({ stream: 'web', time, content, labels: { ...host, appName: 'nginx', level, pod: `p${index % 4}` } });
    } else if (kind === 1) {
      const content = random() < 0.6
        ? `Failed password for ${random() < 0.3 ? 'invalid user ' : ''}${user} from ${ip} port ${1000 + Math.floor(random() * 60000)} ssh2`
        : `Accepted publickey for ${user} from ${ip} port 22 ssh2`;
      lines.push({ stream: 'auth', time, content, labels: { hostName: host.hostName, hostIP: host.hostIP, appName: 'sshd', level } });
    } else if (kind === 2) {
      const latency = Math.floor(random() * 1500);
      const content = JSON.stringify({ level: level.toLowerCase(), msg: pick(['checkout completed', 'Connection refused', 'Payment TIMEOUT', 'order submitted']), latency_ms: latency, user });
      lines.push({ stream: 'app', time, content, labels: { appName: 'checkout', pod: `checkout-${index % 3}` } });
    } else if (kind === 3) {
      const content = `sudo: ${user} : TTY=pts/0 ; PWD=/home/${user} ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx -> ok`;
      lines.push({ stream: 'auth', time, content, labels: { level, client: ip } });
    } else {
      const content = pick([
        `Über-Proxy: upstream timed out (110: Connection timed out) while reading response from ${ip}`,
        `kernel: [UFW BLOCK] IN=eth0 SRC=${ip} DST=10.0.1.11 PROTO=TCP DPT=${pick([22, 3389, 5432])}`,
        `Café admin panel: login ok for ${user}`,
        `ADMINISTRATOR login for ${user}: Permission denied`,
        `healthcheck ok status=${pick([200, 503])} latency_ms=${Math.floor(random() * 900)}`,
      ]);
      lines.push({ stream: 'app', time, content, labels: index % 2 ? { ...host } : {} });
    }
  }
  return lines;
}

/** Writes the corpus, one batch per stream; returns the stream ids. */
export async function loadCorpus(store: Store, lines: readonly CorpusLine[], groupName = 'corpus'): Promise<Record<CorpusLine['stream'], string>> {
  const group = await store.logs.ensureGroup({ name: groupName, ttlInDays: 365 });
  const streamIds = {} as Record<CorpusLine['stream'], string>;
  for (const name of ['web', 'auth', 'app'] as const) streamIds[name] = (await store.logs.ensureStream({ groupId: group.id, name })).id;
  for (const name of ['web', 'auth', 'app'] as const) {
    const indexes = lines.map((line, index) => (line.stream === name ? index : -1)).filter((index) => index >= 0);
    if (indexes.length === 0) continue;
    await store.logs.appendLines(streamIds[name], indexes.map((index) => ({ time: lines[index]!.time, content: lines[index]!.content, labels: lines[index]!.labels })));
  }
  return streamIds;
}
