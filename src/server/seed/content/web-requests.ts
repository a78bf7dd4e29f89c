/**
 * HTTP requests to the demo web shop (an outdoor-gear store), shared by the ECS nginx and the
 * CCE ingress controller so both tell the same story: pages, API calls, static assets, bots and
 * the usual probes for WordPress and leaked .env files.
 */
import { createIpPool, randomPublicIp } from '../actors.ts';
import type { Rng } from '../prng.ts';
import type { Level } from '../topology.ts';

export const SITE = 'www.nordwind-outdoor.de';

export interface WebRequest {
  clientIp: string;
  method: string;
  path: string;
  status: number;
  bytes: number;
  referer: string;
  userAgent: string;
  /** Seconds with millisecond resolution, as nginx's $request_time. */
  requestTime: number;
  /** Null for requests nginx answered itself (static files, probes). */
  upstreamTime: number | null;
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
];
const BOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
];
const TOOLS = ['curl/8.5.0', 'python-requests/2.32.3', 'Go-http-client/1.1', 'okhttp/4.12.0'];

const CATEGORIES = ['zelte', 'rucksaecke', 'schlafsaecke', 'jacken', 'wanderschuhe', 'kocher', 'stirnlampen'];
const PRODUCTS = ['trekking-zelt-2p', 'daypack-28l', 'daunenschlafsack-minus5', 'hardshell-jacke-herren', 'wanderschuh-gtx', 'gaskocher-mini', 'stirnlampe-400lm', 'isomatte-ultralight', 'regenhose-damen', 'trinkblase-3l'];
const SEARCHES = ['zelt', 'rucksack+30l', 'daunenjacke', 'gore-tex', 'stirnlampe', 'kocher', 'isomatte'];
const PROBES = ['/wp-login.php', '/.env', '/.git/config', '/phpmyadmin/index.php', '/admin.php', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', '/cgi-bin/luci/;stok=/locale', '/boaform/admin/formLogin', '/actuator/env', '/xmlrpc.php'];

interface Route {
  method: string;
  path: (rng: Rng) => string;
  api: boolean;
  /** Median $request_time in ms for a healthy answer. */
  medianMs: number;
  bytes: [number, number];
}

const ROUTES: readonly (readonly [Route, number])[] = [
  [{ method: 'GET', path: () => '/', api: true, medianMs: 45, bytes: [18_000, 24_000] }, 8],
  [{ method: 'GET', path: (r) => `/kategorie/${r.pick(CATEGORIES)}`, api: true, medianMs: 70, bytes: [30_000, 60_000] }, 10],
  [{ method: 'GET', path: (r) => `/produkt/${r.pick(PRODUCTS)}`, api: true, medianMs: 60, bytes: [25_000, 45_000] }, 14],
  [{ method: 'GET', path: (r) => `/static/js/app.${r.pick(['3f9c2a1b', '8d41e07c'])}.js`, api: false, medianMs: 2, bytes: [180_000, 180_000] }, 10],
  [{ method: 'GET', path: () => '/static/css/main.5b7e9d20.css', api: false, medianMs: 1, bytes: [42_000, 42_000] }, 6],
  [{ method: 'GET', path: (r) => `/images/produkte/${r.int(1000, 1999)}-800w.webp`, api: false, medianMs: 3, bytes: [35_000, 140_000] }, 18],
  [{ method: 'GET', path: (r) => `/api/v1/search?q=${r.pick(SEARCHES)}&page=${r.int(1, 3)}`, api: true, medianMs: 90, bytes: [3_000, 12_000] }, 7],
  [{ method: 'GET', path: () => '/api/v1/cart', api: true, medianMs: 25, bytes: [400, 2_500] }, 6],
  [{ method: 'POST', path: () => '/api/v1/cart/items', api: true, medianMs: 40, bytes: [300, 900] }, 4],
  [{ method: 'POST', path: () => '/api/v1/checkout', api: true, medianMs: 320, bytes: [600, 1_200] }, 2],
  [{ method: 'GET', path: (r) => `/api/v1/orders/${r.int(100_000, 199_999)}`, api: true, medianMs: 35, bytes: [800, 3_000] }, 2],
  [{ method: 'POST', path: () => '/api/v1/login', api: true, medianMs: 110, bytes: [200, 600] }, 2],
  [{ method: 'GET', path: () => '/healthz', api: true, medianMs: 2, bytes: [2, 2] }, 6],
  [{ method: 'GET', path: () => '/robots.txt', api: false, medianMs: 1, bytes: [180, 180] }, 1],
];

const STATUS_BY_LEVEL: Record<Level, readonly (readonly [number, number])[]> = {
  INFO: [[200, 90], [304, 6], [301, 2], [204, 1], [206, 1]],
  WARN: [[404, 60], [401, 10], [403, 8], [400, 8], [429, 9], [499, 5]],
  ERROR: [[502, 40], [504, 25], [500, 25], [503, 10]],
  DEBUG: [[200, 1]],
};

export function createWebRequests(rng: Rng): (level: Level, forcedStatus?: number) => WebRequest {
  const customers = createIpPool(rng, 600);
  const routes = ROUTES.map(([route]) => route);
  const routeWeights = ROUTES.map(([, weight]) => weight);
  const posts = routes.filter((r) => r.method === 'POST');
  const statusTables = new Map(
    Object.entries(STATUS_BY_LEVEL).map(([level, rows]) => [level, { values: rows.map(([s]) => s), weights: rows.map(([, w]) => w) }]),
  );

  return (level, forcedStatus) => {
    const table = statusTables.get(level);
    const status = forcedStatus ?? (table ? rng.weighted(table.values, table.weights) : 200);
    let route = rng.weighted(routes, routeWeights);
    // Probes for other people's software end in 404/403; server errors come from the API.
    if ((status === 404 || status === 403) && rng.chance(0.6)) route = { method: 'GET', path: (r) => r.pick(PROBES), api: false, medianMs: 1, bytes: [150, 560] };
    if (status >= 500 && !route.api) route = rng.pick(posts);
    const path = route.path(rng);
    const health = path === '/healthz';
    const probe = PROBES.includes(path);
    const clientIp = health ? `100.125.${rng.int(0, 3)}.${rng.int(2, 250)}` : probe ? randomPublicIp(rng) : rng.pick(customers);
    const userAgent = health ? 'ELB-HealthChecker/2.0' : probe ? rng.pick(TOOLS) : rng.chance(0.12) ? rng.pick(BOTS) : rng.chance(0.04) ? rng.pick(TOOLS) : rng.pick(BROWSERS);

    let ms = rng.skewed(route.medianMs, 0.7);
    if (status === 504) ms = 60_000 + rng.int(0, 40);
    else if (status === 502) ms = rng.skewed(900, 1);
    else if (status === 499) ms = rng.skewed(8_000, 0.5);
    const requestTime = Math.max(1, Math.round(ms)) / 1000;
    const upstreamTime = route.api && !probe ? Math.max(0, requestTime - 0.001) : null;
    const bytes = status >= 300 && status !== 304 ? rng.int(150, 600) : status === 304 ? 0 : rng.int(route.bytes[0], route.bytes[1]);
    const referer = health || probe || !rng.chance(0.6) ? '-' : `https://${SITE}${rng.chance(0.5) ? '/' : `/kategorie/${rng.pick(CATEGORIES)}`}`;
    return { clientIp, method: route.method, path, status, bytes, referer, userAgent, requestTime, upstreamTime };
  };
}

export function levelForStatus(status: number): Level {
  return status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO';
}
