/**
 * Container logs from the CCE cluster: JSON logs of the shop's microservices, the ingress-nginx
 * controller's access log, and kube-system add-ons. Labels carry the pod, namespace, container
 * and cluster as ICAgent reports them for container stdout.
 */
import type { NewLogLine } from '../../storage/ports.ts';
import type { Rng } from '../prng.ts';
import type { Level } from '../topology.ts';
import { isoTime, klogTime, nginxTime } from './format.ts';
import type { LineGenerator } from './hosts.ts';
import { createWebRequests } from './web-requests.ts';

export const CLUSTER = { name: 'cce-prod-eu-de', id: '3c9a7e51-8b2d-11ef-a1c4-0255ac10003f' } as const;
const NODES = ['192.168.0.34', '192.168.0.35', '192.168.0.36'];

interface Pod {
  name: string;
  namespace: string;
  container: string;
  node: string;
}

function pods(workload: string, namespace: string, suffixes: readonly string[], hash: string): Pod[] {
  return suffixes.map((suffix, i) => ({ name: `${workload}-${hash}-${suffix}`, namespace, container: workload, node: NODES[i % NODES.length] as string }));
}

const CHECKOUT = pods('checkout-api', 'shop', ['x2kqp', '9mzt4'], '6f8d9c7b54');
const CART = pods('cart-service', 'shop', ['h7wq2', 'p3ksd'], '7c5b8d9f6d');
const CATALOG = pods('catalog-api', 'shop', ['r4nvx'], '5d4f7b8c9');
const INGRESS = pods('ingress-nginx-controller', 'ingress-nginx', ['tq2lm', '8wxrn'], '7b9c6d5f8');
const COREDNS = pods('coredns', 'kube-system', ['6wz9k', 'bq7xt'], '6d8c4cb4d');
const EVEREST = NODES.map((node, i) => ({ name: `everest-csi-driver-${['k2x8d', 'm9qwz', 'f4tnv'][i]}`, namespace: 'kube-system', container: 'everest-csi-driver', node }));

function podLine(time: number, pod: Pod, content: string, level: Level): NewLogLine {
  return {
    time,
    content,
    labels: {
      hostName: pod.node, hostIP: pod.node, pathFile: 'stdout.log', appName: pod.container, level, category: 'LTS',
      podName: pod.name, nameSpace: pod.namespace, containerName: pod.container, clusterName: CLUSTER.name, clusterId: CLUSTER.id,
    },
  };
}

const ZAP = { INFO: 'info', WARN: 'warn', ERROR: 'error', DEBUG: 'debug' } as const;
const PINO = { INFO: 30, WARN: 40, ERROR: 50, DEBUG: 20 } as const;
const PY = { INFO: 'info', WARN: 'warning', ERROR: 'error', DEBUG: 'debug' } as const;

const CHECKOUT_MSG: Record<Level, readonly string[]> = {
  INFO: ['checkout completed', 'order submitted to orders-service', 'shipping quote calculated'],
  WARN: ['payment provider slow', 'retrying orders-service call', 'coupon rejected'],
  ERROR: ['checkout failed', 'orders-service unavailable'],
  DEBUG: ['cart snapshot loaded', 'feature flag evaluated'],
};

export function createShopGenerator(rng: Rng): LineGenerator {
  return (time, level) => {
    const trace = rng.hex(32);
    const r = rng.next();
    if (r < 0.45) {
      const pod = rng.pick(CHECKOUT);
      const status = level === 'ERROR' ? rng.pick([500, 502, 503]) : level === 'WARN' ? rng.pick([200, 409, 422]) : 200;
      const body: Record<string, unknown> = {
        level: ZAP[level], ts: isoTime(time), caller: `handler/checkout.go:${rng.int(40, 180)}`, msg: rng.pick(CHECKOUT_MSG[level]),
        trace_id: trace, method: 'POST', path: '/api/v1/checkout', status, duration_ms: Math.round(rng.skewed(level === 'INFO' ? 180 : 1500, 0.6)),
      };
      if (level === 'ERROR') body.error = rng.pick(['context deadline exceeded', 'dial tcp 10.0.2.21:8080: connect: connection refused', 'upstream returned 503']);
      return podLine(time, pod, JSON.stringify(body), level);
    }
    if (r < 0.8) {
      const pod = rng.pick(CART);
      const statusCode = level === 'ERROR' ? 500 : level === 'WARN' ? rng.pick([404, 409]) : 200;
      const msg = level === 'ERROR' ? 'redis connection lost, falling back to empty cart' : level === 'DEBUG' ? 'cache lookup' : 'request completed';
      const body = {
        level: PINO[level], time, pid: 1, hostname: pod.name, reqId: `req-${rng.alnum(6)}`,
        req: { method: rng.pick(['GET', 'POST', 'DELETE']), url: '/cart/items' }, res: { statusCode }, responseTime: Number(rng.skewed(12, 0.8).toFixed(1)), msg,
      };
      return podLine(time, pod, JSON.stringify(body), level);
    }
    const pod = rng.pick(CATALOG);
    const event = { INFO: 'search served', WARN: 'search backend slow', ERROR: 'opensearch query failed', DEBUG: 'query parsed' }[level];
    const body = { timestamp: isoTime(time), level: PY[level], logger: 'catalog.search', event, query: rng.pick(['zelt', 'rucksack', 'jacke', 'kocher']), took_ms: Math.round(rng.skewed(level === 'WARN' ? 2500 : 40, 0.5)) };
    return podLine(time, pod, JSON.stringify(body), level);
  };
}

export function createIngressGenerator(rng: Rng): LineGenerator {
  const request = createWebRequests(rng);
  return (time, level) => {
    const pod = rng.pick(INGRESS);
    if (level !== 'INFO' && rng.chance(0.25)) {
      const msg = level === 'ERROR' ? `Error obtaining Endpoints for Service "shop/cart-service": no object matching key "shop/cart-service" in local store` : `Service "shop/catalog-api" does not have any active Endpoint.`;
      return podLine(time, pod, `${level[0]}${klogTime(time, rng.int(0, 999))}       7 controller.go:${rng.int(1100, 1300)}] ${msg}`, level);
    }
    const req = request(level);
    const upstream = req.path.startsWith('/api/v1/checkout') ? 'shop-checkout-api-8080' : req.path.startsWith('/api/v1/cart') ? 'shop-cart-service-3000' : 'shop-catalog-api-8000';
    const upstreamAddr = `10.244.${rng.int(0, 2)}.${rng.int(2, 60)}:${upstream.slice(-4)}`;
    const content =
      `${req.clientIp} - - [${nginxTime(time)}] "${req.method} ${req.path} HTTP/2.0" ${req.status} ${req.bytes} "${req.referer}" "${req.userAgent}" ` +
      `${rng.int(30, 900)} ${req.requestTime.toFixed(3)} [${upstream}] [] ${upstreamAddr} ${req.bytes} ${(req.upstreamTime ?? req.requestTime).toFixed(3)} ${req.status} ${rng.hex(32)}`;
    return podLine(time, pod, content, level);
  };
}

export function createKubeSystemGenerator(rng: Rng): LineGenerator {
  const names = ['catalog-api.shop.svc.cluster.local.', 'cart-service.shop.svc.cluster.local.', 'api.payments.example.', 'obs.eu-de.otc.t-systems.com.'];
  return (time, level) => {
    if (rng.chance(0.65)) {
      const pod = rng.pick(COREDNS);
      const client = `10.244.${rng.int(0, 2)}.${rng.int(2, 60)}:${rng.int(30_000, 60_000)}`;
      if (level === 'ERROR') return podLine(time, pod, `[ERROR] plugin/errors: 2 ${rng.pick(names)} A: read udp 10.244.0.5:${rng.int(30_000, 60_000)}->100.125.4.25:53: i/o timeout`, level);
      if (level === 'WARN') return podLine(time, pod, `[WARNING] No files matching import glob pattern: /etc/coredns/custom/*.server`, level);
      const rcode = rng.chance(0.9) ? 'NOERROR' : 'NXDOMAIN';
      return podLine(time, pod, `[${level === 'DEBUG' ? 'DEBUG' : 'INFO'}] ${client} - ${rng.int(1, 65535)} "A IN ${rng.pick(names)} udp ${rng.int(50, 90)} false 512" ${rcode} qr,aa,rd ${rng.int(100, 250)} ${(rng.skewed(0.0002, 0.8)).toFixed(6)}s`, level);
    }
    const pod = rng.pick(EVEREST);
    const prefix = `${{ INFO: 'I', WARN: 'W', ERROR: 'E', DEBUG: 'I' }[level]}${klogTime(time, rng.int(0, 999))}       1`;
    const volume = `pvc-${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
    if (level === 'ERROR') return podLine(time, pod, `${prefix} utils.go:97] GRPC error: rpc error: code = Internal desc = failed to attach volume ${volume}: EVS volume is in use`, level);
    if (level === 'WARN') return podLine(time, pod, `${prefix} node.go:412] NodeGetVolumeStats: volume ${volume} usage above 85%`, level);
    return podLine(time, pod, `${prefix} node.go:${rng.int(100, 300)}] NodePublishVolume: mounted ${volume} at /var/lib/kubelet/pods/${rng.hex(8)}/volumes/kubernetes.io~csi/${volume}/mount`, level);
  };
}
