/**
 * nginx on the ECS web hosts. Access lines use the combined format plus request and upstream
 * times (log_format main '… "$http_user_agent" rt=$request_time urt=$upstream_response_time'),
 * so latency can be searched and charted.
 */
import type { NewLogLine } from '../../storage/ports.ts';
import { randomPublicIp } from '../actors.ts';
import type { Rng } from '../prng.ts';
import type { Level } from '../topology.ts';
import { nginxErrorTime, nginxTime } from './format.ts';
import { APP_HOSTS, hostLabels, WEB_HOSTS, type Host, type LineGenerator } from './hosts.ts';
import { createWebRequests, SITE, type WebRequest } from './web-requests.ts';

const ACCESS_PATH = '/var/log/nginx/access.log';
const ERROR_PATH = '/var/log/nginx/error.log';

export function formatAccess(time: number, req: WebRequest): string {
  const urt = req.upstreamTime === null ? '-' : req.upstreamTime.toFixed(3);
  return (
    `${req.clientIp} - - [${nginxTime(time)}] "${req.method} ${req.path} HTTP/1.1" ${req.status} ${req.bytes} ` +
    `"${req.referer}" "${req.userAgent}" rt=${req.requestTime.toFixed(3)} urt=${urt}`
  );
}

export function accessLine(time: number, host: Host, req: WebRequest, level: Level): NewLogLine {
  return { time, content: formatAccess(time, req), labels: hostLabels(host, ACCESS_PATH, 'nginx', level) };
}

export function createNginxAccessGenerator(rng: Rng): LineGenerator & { request: ReturnType<typeof createWebRequests> } {
  const request = createWebRequests(rng);
  const generate = (time: number, level: Level) => accessLine(time, rng.pick(WEB_HOSTS), request(level), level);
  return Object.assign(generate, { request });
}

/** One nginx error-log line; `connection` is nginx's *N connection counter. */
export function errorLine(time: number, host: Host, severity: string, connection: number, message: string, level: Level): NewLogLine {
  const worker = 1200 + (connection % 4);
  const content = `${nginxErrorTime(time)} [${severity}] ${worker}#${worker}: ${connection > 0 ? `*${connection} ` : ''}${message}`;
  return { time, content, labels: hostLabels(host, ERROR_PATH, 'nginx', level) };
}

export function upstreamTimeout(rng: Rng, clientIp: string, path: string, method = 'POST'): string {
  const app = rng.pick(APP_HOSTS);
  return (
    `upstream timed out (110: Connection timed out) while reading response header from upstream, client: ${clientIp}, ` +
    `server: ${SITE}, request: "${method} ${path} HTTP/1.1", upstream: "http://${app.ip}:8080${path}", host: "${SITE}"`
  );
}

export function createNginxErrorGenerator(rng: Rng): LineGenerator {
  let connection = rng.int(100_000, 900_000);
  return (time, level) => {
    const host = rng.pick(WEB_HOSTS);
    connection += rng.int(1, 400);
    const client = randomPublicIp(rng);
    const r = rng.next();
    const line = (severity: string, message: string, counter = connection) => errorLine(time, host, severity, counter, message, level);
    switch (level) {
      case 'INFO':
      case 'DEBUG':
        if (r < 0.5) return line('info', `client ${client} closed keepalive connection`);
        return line('notice', 'signal process started', 0);
      case 'WARN':
        if (r < 0.45) return line('warn', `limiting requests, excess: ${(rng.next() * 20).toFixed(3)} by zone "search", client: ${client}, server: ${SITE}, request: "GET /api/v1/search?q=zelt HTTP/1.1", host: "${SITE}"`);
        if (r < 0.8) return line('warn', `an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/${rng.int(1, 9)}/${rng.int(10, 99)}/00000${rng.int(10_000, 99_999)} while reading upstream, client: ${client}, server: ${SITE}, request: "GET /kategorie/zelte HTTP/1.1", upstream: "http://${rng.pick(APP_HOSTS).ip}:8080/kategorie/zelte", host: "${SITE}"`);
        return line('warn', `conflicting server name "${SITE}" on 0.0.0.0:443, ignored`, 0);
      case 'ERROR':
        if (r < 0.35) return line('error', upstreamTimeout(rng, client, '/api/v1/checkout'));
        if (r < 0.6) return line('error', `connect() failed (111: Connection refused) while connecting to upstream, client: ${client}, server: ${SITE}, request: "GET /api/v1/cart HTTP/1.1", upstream: "http://${rng.pick(APP_HOSTS).ip}:8080/api/v1/cart", host: "${SITE}"`);
        if (r < 0.9) return line('error', `open() "/usr/share/nginx/html${rng.pick(['/wp-login.php', '/.env', '/xmlrpc.php', '/admin.php'])}" failed (2: No such file or directory), client: ${client}, server: ${SITE}, request: "GET / HTTP/1.1", host: "${SITE}"`);
        return line('crit', `SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking, client: ${client}, server: 0.0.0.0:443`);
    }
  };
}
