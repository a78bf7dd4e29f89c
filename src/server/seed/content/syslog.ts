/**
 * /var/log/syslog of the ECS hosts: cron, systemd units, time sync, kernel UFW drops and the
 * occasional out-of-memory kill or failed unit.
 */
import { createIpPool, randomPublicIp } from '../actors.ts';
import type { Rng } from '../prng.ts';
import type { Level } from '../topology.ts';
import { syslogTime } from './format.ts';
import { ECS_HOSTS, hostLabels, PidCounter, type Host, type LineGenerator } from './hosts.ts';

const PATH = '/var/log/syslog';

const CRON_JOBS = [
  'cd / && run-parts --report /etc/cron.hourly',
  'command -v debian-sa1 > /dev/null && debian-sa1 1 1',
  '/usr/local/bin/backup-etc.sh >/dev/null 2>&1',
  '[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi',
];

const UNITS = [
  ['apt-daily.service', 'Daily apt download activities'],
  ['apt-daily-upgrade.service', 'Daily apt upgrade and clean activities'],
  ['logrotate.service', 'Rotate log files'],
  ['man-db.service', 'Daily man-db regeneration'],
  ['fstrim.service', 'Discard unused blocks on filesystems from /etc/fstab'],
  ['systemd-tmpfiles-clean.service', 'Cleanup of Temporary Directories'],
  ['sysstat-collect.service', 'system activity accounting tool'],
] as const;

const BLOCKED_PORTS = [23, 445, 3389, 1433, 5900, 6379, 8080, 2375, 9200, 5432, 3306, 81, 8443];

/** `from` is the start of the stream's window; host boot times are placed relative to it. */
export function createSyslogGenerator(rng: Rng, from: number): LineGenerator {
  const pids = new PidCounter(rng);
  const scanners = createIpPool(rng, 40);

  const line = (time: number, host: Host, program: string, pid: number | null, message: string, level: Level) => ({
    time,
    content: `${syslogTime(time)} ${host.name} ${program}${pid === null ? '' : `[${pid}]`}: ${message}`,
    labels: hostLabels(host, PATH, program, level),
  });

  const kernel = (time: number, host: Host, message: string, level: Level) => {
    const uptime = (time - (from - host.bootedDaysAgo * 86_400_000)) / 1000;
    const stamp = `${uptime.toFixed(3)}${String(rng.int(0, 999)).padStart(3, '0')}`;
    return line(time, host, 'kernel', null, `[${stamp.padStart(13)}] ${message}`, level);
  };

  const ufwBlock = (host: Host) => {
    const src = rng.chance(0.6) ? rng.pick(scanners) : randomPublicIp(rng);
    const proto = rng.chance(0.9) ? 'TCP' : 'UDP';
    const tail = proto === 'TCP' ? `WINDOW=${rng.pick([1024, 29200, 65535])} RES=0x00 SYN URGP=0` : `LEN=${rng.int(20, 120)}`;
    return (
      `[UFW BLOCK] IN=eth0 OUT= MAC=fa:16:3e:4c:${rng.hex(2)}:${rng.hex(2)}:fa:16:3e:9a:0b:11:08:00 SRC=${src} DST=${host.ip} ` +
      `LEN=${rng.int(40, 60)} TOS=0x00 PREC=0x00 TTL=${rng.int(40, 250)} ID=${rng.int(1, 65535)} PROTO=${proto} ` +
      `SPT=${rng.int(1024, 65535)} DPT=${rng.pick(BLOCKED_PORTS)} ${tail}`
    );
  };

  return (time, level) => {
    const host = rng.pick(ECS_HOSTS);
    const pid = pids.next(host.name);
    const r = rng.next();
    switch (level) {
      case 'INFO': {
        if (r < 0.35) return line(time, host, 'CRON', pid, `(root) CMD (${rng.pick(CRON_JOBS)})`, level);
        if (r < 0.7) {
          const [unit, description] = rng.pick(UNITS);
          const step = rng.int(0, 2);
          const msg = step === 0 ? `Starting ${description}...` : step === 1 ? `Finished ${description}.` : `${unit}: Deactivated successfully.`;
          return line(time, host, 'systemd', 1, msg, level);
        }
        if (r < 0.8) return line(time, host, 'systemd-timesyncd', 612, 'Initial synchronization to time server 100.125.4.25:123 (ntp.myhuaweicloud.com).', level);
        if (r < 0.9) return line(time, host, 'rsyslogd', 701, '[origin software="rsyslogd" swVersion="8.2112.0" x-pid="701" x-info="https://www.rsyslog.com"] rsyslogd was HUPed', level);
        return line(time, host, 'systemd-networkd', 598, `eth0: DHCPv4 address ${host.ip}/24, gateway ${host.ip.replace(/\.\d+$/, '.1')} acquired from 100.125.1.250`, level);
      }
      case 'WARN': {
        if (r < 0.8) return kernel(time, host, ufwBlock(host), level);
        if (r < 0.9) return line(time, host, 'systemd-resolved', 640, 'Using degraded feature set UDP instead of UDP+EDNS0 for DNS server 100.125.4.25.', level);
        return line(time, host, 'systemd', 1, `/etc/systemd/system/node-exporter.service:9: Unknown key name 'StartLimitInterval' in section 'Service', ignoring.`, level);
      }
      case 'ERROR': {
        if (r < 0.3) {
          const victim = host.role === 'app' ? 'java' : host.role === 'web' ? 'nginx' : 'python3';
          return kernel(time, host, `Out of memory: Killed process ${pid} (${victim}) total-vm:${rng.int(2_000_000, 6_000_000)}kB, anon-rss:${rng.int(900_000, 3_800_000)}kB, file-rss:0kB, shmem-rss:0kB, UID:${rng.pick([33, 1001])} pgtables:${rng.int(3000, 9000)}kB oom_score_adj:0`, level);
        }
        if (r < 0.6) {
          const unit = host.role === 'web' ? 'nginx.service' : host.role === 'app' ? 'orders-service.service' : 'fail2ban.service';
          return line(time, host, 'systemd', 1, `${unit}: Main process exited, code=exited, status=1/FAILURE`, level);
        }
        if (r < 0.8) return line(time, host, 'systemd', 1, 'Failed to start Daily apt upgrade and clean activities.', level);
        return kernel(time, host, 'EXT4-fs warning (device vda1): ext4_dx_add_entry:2516: Directory index full, reach max htree level :2', level);
      }
      case 'DEBUG': {
        if (r < 0.5) return line(time, host, 'dhclient', pid, `DHCPREQUEST for ${host.ip} on eth0 to 100.125.1.250 port 67 (xid=0x${rng.hex(8)})`, level);
        return kernel(time, host, `audit: type=1400 audit(${(time / 1000).toFixed(3)}:${rng.int(100, 999)}): apparmor="STATUS" operation="profile_replace" info="same as current profile, skipping" profile="unconfined" name="/usr/sbin/chronyd" pid=${pid} comm="apparmor_parser"`, level);
      }
    }
  };
}
