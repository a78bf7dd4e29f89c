import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ctsTraceSchema, type CtsTrace } from '../../contract/index.ts';
import type { NewLogLine } from '../storage/ports.ts';
import { BRUTE_FORCE_IP, NEVER_SEEN_IP } from './actors.ts';
import { generateDemoData, planDemoData, type DemoBatch, type PlanOptions } from './generate.ts';
import { berlinClock } from './rhythm.ts';
import { BRUTE_FORCE_ATTEMPTS, BURST_5XX_LINES, demoScenarios, type DemoScenario } from './scenarios.ts';

const NOW = Date.UTC(2026, 10, 26, 10, 37); // a Thursday
const OPTIONS: PlanOptions = { days: 30, lines: 20_000, seed: 1, now: NOW };

interface Collected {
  batches: DemoBatch[];
  streams: Map<string, NewLogLine[]>;
  traces: CtsTrace[];
  digest: string;
}

function collect(options: PlanOptions): Collected {
  const batches = [...generateDemoData(planDemoData(options))];
  const streams = new Map<string, NewLogLine[]>();
  const traces: CtsTrace[] = [];
  const hash = createHash('sha256');
  for (const batch of batches) {
    hash.update(JSON.stringify(batch));
    if (batch.kind === 'traces') traces.push(...batch.traces);
    else {
      const key = `${batch.group}/${batch.stream}`;
      const list = streams.get(key) ?? [];
      list.push(...batch.lines);
      streams.set(key, list);
    }
  }
  return { batches, streams, traces, digest: hash.digest('hex') };
}

const scenario = (name: DemoScenario['name']) => demoScenarios(NOW).find((s) => s.name === name)!;

let data: Collected;
beforeAll(() => {
  data = collect(OPTIONS);
});

describe('demo data generation', () => {
  it('is byte-identical for the same seed and options, and differs for another seed', () => {
    expect(collect(OPTIONS).digest).toBe(data.digest);
    const other = collect({ ...OPTIONS, seed: 2 });
    expect(other.digest).not.toBe(data.digest);
    expect(other.streams.get('ecs-prod/syslog')!.slice(0, 20)).not.toEqual(data.streams.get('ecs-prod/syslog')!.slice(0, 20));
  });

  it('writes exactly the requested lines, a tenth of them as traces, in batches of at most 5,000', () => {
    const all = [...data.streams.values()].reduce((sum, list) => sum + list.length, 0);
    expect(all).toBe(20_000);
    expect(data.traces).toHaveLength(2_000);
    expect(data.streams.size).toBe(12);
    for (const batch of data.batches) expect(batch.kind === 'lines' ? batch.lines.length : batch.traces.length).toBeLessThanOrEqual(5_000);
  });

  it('keeps every stream in time order inside its retention window, ending before now', () => {
    const plan = planDemoData(OPTIONS);
    for (const [key, lines] of data.streams) {
      const from = plan.streams.find((s) => `${s.group}/${s.stream}` === key)!.from;
      let misplaced = 0;
      for (let i = 0; i < lines.length; i++) {
        const time = lines[i]!.time;
        if (time < (i === 0 ? from : lines[i - 1]!.time) || time >= NOW) misplaced++;
      }
      expect(misplaced, key).toBe(0);
    }
    // Container logs and flow logs only keep a week, like their retention says.
    expect(data.streams.get('cce-cluster/shop')![0]!.time).toBeGreaterThanOrEqual(NOW - 7 * 86_400_000);
    expect(data.streams.get('ecs-prod/syslog')![0]!.time).toBeLessThan(NOW - 29 * 86_400_000);
  });

  it('has a realistic level mix and LTS labels on every line', () => {
    const levels: Record<string, number> = {};
    let total = 0;
    for (const [key, lines] of data.streams) {
      for (const line of lines) {
        levels[line.labels.level!] = (levels[line.labels.level!] ?? 0) + 1;
        total++;
        if (key.startsWith('ecs-prod/')) expect(Object.keys(line.labels)).toEqual(expect.arrayContaining(['hostName', 'hostIP', 'pathFile', 'appName', 'level']));
        if (key.startsWith('cce-cluster/')) expect(Object.keys(line.labels)).toEqual(expect.arrayContaining(['podName', 'nameSpace', 'containerName', 'clusterName']));
      }
    }
    const share = (level: string) => (levels[level] ?? 0) / total;
    expect(share('INFO')).toBeGreaterThan(0.72);
    expect(share('INFO')).toBeLessThan(0.86);
    expect(share('WARN')).toBeGreaterThan(0.08);
    expect(share('WARN')).toBeLessThan(0.17);
    expect(share('ERROR')).toBeGreaterThan(0.025);
    expect(share('ERROR')).toBeLessThan(0.08);
    expect(share('DEBUG')).toBeGreaterThan(0.01);
  });

  it('follows office hours and quiet weekends', () => {
    const app = data.streams.get('ecs-prod/app')!;
    let workHours = 0;
    let nightHours = 0;
    let weekday = 0;
    let weekend = 0;
    for (const line of app) {
      const { hour, weekend: isWeekend } = berlinClock(line.time);
      if (isWeekend) weekend++;
      else weekday++;
      if (!isWeekend && hour >= 10 && hour < 16) workHours++;
      if (!isWeekend && hour >= 1 && hour < 5) nightHours++;
    }
    expect(workHours / 6).toBeGreaterThan((nightHours / 4) * 5);
    // 30 days ending on a Thursday: 22 weekdays, 8 weekend days.
    expect(weekday / 22).toBeGreaterThan((weekend / 8) * 2);
  });

  it('stores Java stack traces as one multi-line event, and JSON container logs', () => {
    expect(data.streams.get('ecs-prod/app')!.some((l) => l.content.includes('\n\tat ') && l.labels.level === 'ERROR')).toBe(true);
    for (const line of data.streams.get('cce-cluster/shop')!.slice(0, 50)) expect(() => JSON.parse(line.content)).not.toThrow();
  });

  it('produces only valid CTS traces with a realistic rating mix, mirrored in CTS/system-trace', () => {
    const ratings: Record<string, number> = {};
    for (const trace of data.traces) {
      ctsTraceSchema.parse(trace);
      ratings[trace.trace_rating] = (ratings[trace.trace_rating] ?? 0) + 1;
      expect(trace.record_time).toBeGreaterThan(trace.time);
      if (trace.trace_type === 'SystemAction') expect(trace.source_ip).toBe('');
      else expect(trace.source_ip).not.toBe('');
    }
    expect(ratings.normal! / data.traces.length).toBeGreaterThan(0.9);
    expect(ratings.warning! / data.traces.length).toBeGreaterThan(0.03);
    expect(ratings.incident! / data.traces.length).toBeGreaterThan(0.008);
    expect(new Set(data.traces.map((t) => t.trace_id)).size).toBe(data.traces.length);
    const ctsLines = data.streams.get('CTS/system-trace')!;
    expect(ctsLines.map((l) => JSON.parse(l.content))).toEqual(data.traces);
    expect(new Set(data.traces.map((t) => t.service_type))).toEqual(new Set(['ECS', 'EVS', 'VPC', 'IAM', 'OBS', 'KMS', 'RDS', 'CTS', 'LTS', 'ELB']));
  });

  it('streams instead of building everything: the first batch of 5 million lines comes at once', () => {
    const started = performance.now();
    const first = generateDemoData(planDemoData({ ...OPTIONS, lines: 5_000_000 })).next();
    expect(first.done).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses options it cannot honour', () => {
    expect(() => planDemoData({ ...OPTIONS, lines: 100 })).toThrow(RangeError);
    expect(() => planDemoData({ ...OPTIONS, days: 1 })).toThrow(/days/);
  });
});

describe('planted scenarios', () => {
  it('happen yesterday (UTC), before now', () => {
    const yesterday = Date.UTC(2026, 10, 25);
    for (const s of demoScenarios(NOW)) {
      expect(s.time).toBeGreaterThanOrEqual(yesterday);
      expect(s.end).toBeLessThan(NOW);
      expect(s.end).toBeGreaterThanOrEqual(s.time);
    }
    expect(new Date(scenario('night-login-tracker-deleted').time).toISOString()).toBe('2026-11-25T03:14:27.000Z');
  });

  it('(a) SSH brute force: hundreds of failed passwords from one IP in 10 minutes, then an accepted password', () => {
    const s = scenario('ssh-brute-force');
    const fromIp = data.streams.get('ecs-prod/auth')!.filter((l) => l.content.includes(`from ${BRUTE_FORCE_IP} `));
    const failed = fromIp.filter((l) => l.content.includes('Failed password'));
    expect(failed).toHaveLength(BRUTE_FORCE_ATTEMPTS);
    expect(failed.some((l) => l.content.includes('Failed password for invalid user'))).toBe(true);
    expect(failed.some((l) => l.content.includes('Failed password for root'))).toBe(true);
    for (const line of failed) {
      expect(line.time).toBeGreaterThanOrEqual(s.time);
      expect(line.time).toBeLessThan(s.time + 10 * 60_000);
      expect(line.labels.hostName).toBe('ecs-bastion-01');
    }
    const accepted = fromIp.filter((l) => l.content.includes('Accepted password for deploy'));
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.time).toBe(s.facts.acceptedAt);
    expect(accepted[0]!.time).toBeGreaterThan(failed.at(-1)!.time);
    // The attacker's address shows up nowhere else.
    for (const [key, lines] of data.streams) if (key !== 'ecs-prod/auth') expect(lines.some((l) => l.content.includes(BRUTE_FORCE_IP))).toBe(false);
  });

  it('(b) 5xx burst: at least 600 502/503/504 responses within the 15 minutes', () => {
    const s = scenario('5xx-burst');
    const inWindow = data.streams.get('ecs-prod/nginx-access')!.filter((l) => l.time >= s.time && l.time <= s.end);
    const fiveXx = inWindow.filter((l) => / 50[234] \d+ "/.test(l.content));
    expect(fiveXx.length).toBeGreaterThanOrEqual(BURST_5XX_LINES);
    // Outside the burst, server errors are rare.
    const all = data.streams.get('ecs-prod/nginx-access')!;
    const background = all.filter((l) => (l.time < s.time || l.time > s.end) && / 5\d\d \d+ "/.test(l.content));
    expect(background.length / all.length).toBeLessThan(0.02);
  });

  it('(c) night sign-in from a never-seen IP, then the CTS tracker deleted', () => {
    const s = scenario('night-login-tracker-deleted');
    const withIp = data.traces.filter((t) => t.source_ip === NEVER_SEEN_IP);
    expect(withIp.map((t) => [t.trace_name, t.service_type, t.trace_rating, t.user.name])).toEqual([
      ['login', 'IAM', 'normal', 'tobias.becker'],
      ['deleteTracker', 'CTS', 'incident', 'tobias.becker'],
    ]);
    expect(withIp[0]!.time).toBe(s.time);
    expect(withIp[1]!.time).toBe(s.end);
    expect(withIp[1]!.resource_name).toBe('system');
    // Nowhere else: not in any other trace field, nor in any log line outside the CTS stream.
    expect(data.traces.filter((t) => JSON.stringify(t).includes(NEVER_SEEN_IP))).toHaveLength(2);
    for (const [key, lines] of data.streams) if (key !== 'CTS/system-trace') expect(lines.some((l) => l.content.includes(NEVER_SEEN_IP))).toBe(false);
  });

  it('(d) a security group rule open to 0.0.0.0/0 and (e) a KMS key scheduled for deletion, both warnings', () => {
    const rule = data.traces.find((t) => t.time === scenario('security-group-open-to-world').time)!;
    expect(rule).toMatchObject({ trace_name: 'createSecurityGroupRule', service_type: 'VPC', trace_rating: 'warning', code: '201' });
    expect(JSON.parse(rule.request).security_group_rule).toMatchObject({ remote_ip_prefix: '0.0.0.0/0', port_range_min: 22 });
    const kms = data.traces.find((t) => t.time === scenario('kms-key-deletion').time)!;
    expect(kms).toMatchObject({ trace_name: 'scheduleKeyDeletion', service_type: 'KMS', trace_rating: 'warning', resource_name: 'rds-prod-key' });
    expect(JSON.parse(kms.request)).toMatchObject({ pending_days: '7' });
  });
});
