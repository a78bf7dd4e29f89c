/**
 * Network security streams: VPC flow logs (OTC's space-separated record format), Cloud Firewall
 * attack events and Web Application Firewall attack events (both JSON, as the services ship them
 * to LTS).
 */
import type { NewLogLine } from '../../storage/ports.ts';
import { createIpPool, PROJECT_ID, randomPublicIp } from '../actors.ts';
import type { Rng } from '../prng.ts';
import type { Level } from '../topology.ts';
import { isoTime, nginxErrorTime } from './format.ts';
import { ECS_HOSTS, type LineGenerator } from './hosts.ts';
import { SITE } from './web-requests.ts';

// One elastic network interface per ECS host.
const PORTS = ECS_HOSTS.map((host, i) => ({ host, port: `1d515d18-1b36-47dc-a983-bd6512aed4b${i}` }));
const CFW_INSTANCE = 'c1f8e2d4-7a3b-4c5e-9f1a-2b3c4d5e6f70';
const WAF_POLICY = '1c9b7e2f5a4d4e3c8b6a9d1e2f3a4b5c';

function networkLine(time: number, content: string, appName: string, level: Level): NewLogLine {
  return { time, content, labels: { appName, level, category: 'LTS', region: 'eu-de' } };
}

export function createVpcFlowGenerator(rng: Rng): LineGenerator {
  const peers = createIpPool(rng, 300);
  return (time, level) => {
    const { host, port } = rng.pick(PORTS);
    const inbound = rng.chance(0.55);
    const remote = rng.chance(0.8) ? rng.pick(peers) : randomPublicIp(rng);
    const service = host.role === 'web' ? 443 : host.role === 'bastion' ? 22 : 8080;
    const rejected = level !== 'INFO';
    const dstPort = inbound ? (rejected ? rng.pick([22, 23, 3389, 445, 6379, 5432]) : service) : rng.pick([443, 53, 123, 5432]);
    const [src, dst] = inbound ? [remote, host.ip] : [host.ip, rng.chance(0.5) ? '100.125.4.25' : remote];
    const [srcPort, dstPortValue] = inbound ? [rng.int(1024, 65535), dstPort] : [rng.int(32768, 60999), dstPort];
    const protocol = dstPort === 53 || dstPort === 123 ? 17 : 6;
    const packets = rejected ? rng.int(1, 3) : rng.int(2, 900);
    const bytes = packets * rng.int(40, 1400);
    // Records aggregate a capture window; the line's time is the window's end.
    const end = Math.floor(time / 1000);
    const start = end - rng.int(60, 600);
    const action = rejected ? 'REJECT' : 'ACCEPT';
    const content = `1 ${PROJECT_ID} ${port} ${src} ${dst} ${srcPort} ${dstPortValue} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} OK`;
    return networkLine(time, content, 'vpc-flow-log', level);
  };
}

const CFW_RULES: readonly { id: number; name: string; type: string; app: string; port: number }[] = [
  { id: 330_1258, name: 'Apache Log4j2 Remote Code Execution Vulnerability (CVE-2021-44228)', type: 'Vulnerability exploit', app: 'HTTP', port: 443 },
  { id: 330_2611, name: 'SSH Brute Force Login Attempt', type: 'Brute force', app: 'SSH', port: 22 },
  { id: 330_0917, name: 'Redis Unauthorized Access', type: 'Unauthorized access', app: 'REDIS', port: 6379 },
  { id: 331_4420, name: 'Mirai Botnet Telnet Scan', type: 'Scanning', app: 'TELNET', port: 23 },
  { id: 332_0133, name: 'SMB Remote Code Execution (MS17-010 EternalBlue)', type: 'Vulnerability exploit', app: 'SMB', port: 445 },
  { id: 330_5871, name: 'Spring Cloud Function SpEL Injection (CVE-2022-22963)', type: 'Vulnerability exploit', app: 'HTTP', port: 8080 },
  { id: 331_0026, name: 'Suspicious Cobalt Strike Beacon Traffic', type: 'Trojan', app: 'HTTPS', port: 443 },
];

export function createCfwGenerator(rng: Rng): LineGenerator {
  const attackers = createIpPool(rng, 120);
  return (time, level) => {
    const rule = rng.pick(CFW_RULES);
    const target = rng.pick(ECS_HOSTS);
    const severity = level === 'ERROR' ? rng.pick(['CRITICAL', 'HIGH']) : level === 'WARN' ? 'MEDIUM' : 'LOW';
    const event = {
      log_type: 'attack', event_time: isoTime(time), fw_instance_id: CFW_INSTANCE, direction: 'out2in',
      attack_type: rule.type, attack_rule: rule.name, attack_rule_id: String(rule.id), level: severity,
      action: level === 'INFO' ? 'permit' : 'deny', src_ip: rng.chance(0.7) ? rng.pick(attackers) : randomPublicIp(rng),
      src_port: rng.int(1024, 65535), dst_ip: target.ip, dst_port: rule.port, protocol: 'TCP', app: rule.app,
      packet_length: rng.int(60, 1500), source: 'eip',
    };
    return networkLine(time, JSON.stringify(event), 'cfw', level);
  };
}

const WAF_ATTACKS: readonly { attack: string; rule: string; uri: (rng: Rng) => string }[] = [
  { attack: 'sqli', rule: '040002', uri: (r) => `/api/v1/search?q=zelt'%20OR%20${r.int(1, 9)}=${r.int(1, 9)}--` },
  { attack: 'xss', rule: '010001', uri: () => '/produkt/daypack-28l?ref=%3Cscript%3Ealert(document.cookie)%3C/script%3E' },
  { attack: 'cmdi', rule: '030004', uri: () => '/api/v1/orders/1;cat%20/etc/passwd' },
  { attack: 'lfi', rule: '060012', uri: () => '/static/..%2f..%2f..%2fetc%2fpasswd' },
  { attack: 'webshell', rule: '090003', uri: () => '/uploads/shell.php?cmd=id' },
  { attack: 'robot', rule: '110001', uri: () => '/kategorie/zelte' },
  { attack: 'cc', rule: 'cc-limit-search', uri: () => '/api/v1/search?q=rucksack' },
];

export function createWafGenerator(rng: Rng): LineGenerator {
  const attackers = createIpPool(rng, 150);
  return (time, level) => {
    const attack = rng.pick(WAF_ATTACKS);
    const event = {
      category: 'attack', time: nginxErrorTime(time), time_iso8601: isoTime(time), policy_id: WAF_POLICY,
      level: level === 'ERROR' ? 3 : level === 'WARN' ? 2 : 1, attack: attack.attack, action: level === 'INFO' ? 'log' : 'block',
      sip: rng.chance(0.75) ? rng.pick(attackers) : randomPublicIp(rng), sport: String(rng.int(1024, 65535)), host: SITE,
      method: attack.attack === 'webshell' ? 'POST' : 'GET', url: attack.uri(rng), rule: attack.rule, reqid: rng.hex(32),
      engine_id: 'waf-engine-eu-de-01', status: level === 'INFO' ? '200' : '418',
    };
    return networkLine(time, JSON.stringify(event), 'waf', level);
  };
}
