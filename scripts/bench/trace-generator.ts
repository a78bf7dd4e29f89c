/**
 * Deterministic CTS traces for the bench, shaped like store-bench.md's audit data: 20 services,
 * 500 users with Zipf-distributed activity, each working from a few addresses at their own hours,
 * ratings about 93 % normal, 5 % warning, 2 % incident, spread evenly over the time range.
 */
import type { CtsTrace } from '../../src/contract/schemas/traces.ts';
import { mulberry32 } from './log-generator.ts';

const SERVICES = [
  'ECS', 'EVS', 'VPC', 'IAM', 'OBS', 'KMS', 'RDS', 'CTS', 'LTS', 'ELB',
  'CCE', 'DNS', 'SMN', 'AS', 'IMS', 'CBR', 'DCS', 'DMS', 'WAF', 'NAT',
] as const;
const VERBS = ['create', 'delete', 'update', 'get', 'start', 'stop'] as const;
const RESOURCE_TYPES = ['server', 'volume', 'vpc', 'user', 'bucket', 'key', 'instance', 'tracker', 'group', 'loadbalancer'];
export const BENCH_USERS = 500;
const DOMAIN = { id: '0c5f1e3a9b7d4e2f8a6c1b3d5e7f9a2b', name: 'OTC-EU-DE-BENCH' };

export interface BenchUser {
  id: string;
  name: string;
  ips: string[];
  /** Hour of day (UTC) this user's working day starts. */
  startHour: number;
}

export function benchUsers(seed: number): BenchUser[] {
  const random = mulberry32(seed ^ 0x5eed);
  const int = (max: number) => Math.floor(random() * max);
  return Array.from({ length: BENCH_USERS }, (_, i) => ({
    id: Array.from({ length: 32 }, () => int(16).toString(16)).join(''),
    name: `user${String(i).padStart(3, '0')}@example.com`,
    ips: Array.from({ length: 1 + int(4) }, () => `${10 + int(200)}.${int(256)}.${int(256)}.${1 + int(254)}`),
    startHour: 5 + int(6),
  }));
}

/** Zipf weights (s = 1): user i is about 1/(i+1) as busy as the busiest. */
function zipfTable(n: number): Float64Array {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1);
  for (let i = 0; i < n; i++) cumulative[i]! /= sum;
  return cumulative;
}

export function createTraceGenerator(seed: number, from: number, to: number, total: number) {
  const random = mulberry32(seed);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const hex = (length: number) => Array.from({ length }, () => int(16).toString(16)).join('');
  const users = benchUsers(seed);
  const zipf = zipfTable(users.length);
  const gap = (to - from) / total;
  let produced = 0;

  const pickUser = (): BenchUser => {
    const r = random();
    let lo = 0;
    let hi = zipf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (zipf[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return users[lo]!;
  };

  const next = (): CtsTrace => {
    const base = Math.floor(from + produced * gap);
    produced++;
    const user = pickUser();
    // Nine in ten actions fall in the user's ten working hours; the rest at any hour.
    const day = Math.floor(base / 86_400_000) * 86_400_000;
    const hour = random() < 0.9 ? (user.startHour + int(10)) % 24 : int(24);
    const inDay = Math.min(to - 1, day + hour * 3_600_000 + int(3_600_000));
    const time = Math.abs(inDay - base) < 43_200_000 ? inDay : base;
    const service = pick(SERVICES);
    const verb = pick(VERBS);
    const resourceType = pick(RESOURCE_TYPES);
    const r = random();
    const rating = r < 0.93 ? 'normal' : r < 0.98 ? 'warning' : 'incident';
    const code = rating === 'normal' ? pick(['200', '201', '204']) : rating === 'warning' ? pick(['400', '403', '404', '409']) : '500';
    const system = random() < 0.1;
    const resourceId = hex(32);
    return {
      trace_id: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
      trace_name: `${verb}${resourceType[0]!.toUpperCase()}${resourceType.slice(1)}`,
      trace_rating: rating,
      trace_type: system ? 'SystemAction' : random() < 0.7 ? 'ConsoleAction' : 'ApiCall',
      service_type: service,
      resource_type: resourceType,
      resource_id: resourceId,
      resource_name: `${resourceType}-${int(2000)}`,
      user: { id: user.id, name: user.name, domain: DOMAIN },
      source_ip: system ? '' : random() < 0.98 ? pick(user.ips) : `${1 + int(223)}.${int(256)}.${int(256)}.${1 + int(254)}`,
      request: JSON.stringify({ [resourceType]: { name: `${resourceType}-${int(2000)}` } }),
      response: rating === 'normal' ? '' : JSON.stringify({ error_code: `${service}.0${code}`, error_msg: 'request failed' }),
      code,
      message: '',
      time,
      record_time: time + 100 + int(2_000),
      request_id: hex(32),
      api_version: 'v3',
      endpoint: `https://${service.toLowerCase()}.eu-de.otc.t-systems.com`,
      resource_url: `/v3/${resourceType}s/${resourceId}`,
      location_info: '',
    };
  };

  return {
    users,
    batch(count: number): CtsTrace[] {
      const traces: CtsTrace[] = [];
      for (let i = 0; i < count && produced < total; i++) traces.push(next());
      return traces;
    },
  };
}
