/**
 * /var/log/auth.log of the ECS hosts: engineers signing in with keys from the office and VPN,
 * sudo, cron sessions, and the constant background of internet SSH scanners guessing passwords.
 */
import type { NewLogLine } from '../../storage/ports.ts';
import { CI_USER, createIpPool, memberIp, randomPublicIp, TEAM } from '../actors.ts';
import type { Rng } from '../prng.ts';
import type { Level } from '../topology.ts';
import { syslogTime } from './format.ts';
import { BASTION, base64ish, ECS_HOSTS, hostLabels, LINUX_USERS, PidCounter, type Host, type LineGenerator } from './hosts.ts';

const PATH = '/var/log/auth.log';
const HUMANS = TEAM.filter((m) => m.name !== CI_USER);

/** Names scanners try, most popular first (from real honeypot top lists). */
export const GUESSED_USERS = [
  'admin', 'test', 'user', 'oracle', 'postgres', 'ubuntu', 'git', 'ftpuser', 'guest', 'support', 'pi', 'hadoop',
  'jenkins', 'minecraft', 'steam', 'nagios', 'teamspeak', 'mysql', 'elastic', 'debian', 'centos', 'administrator',
  'dev', 'www', 'backup', 'ansible', 'es', 'redis', 'tomcat', 'odoo', 'sol', 'validator', 'ftp', 'demo', 'user1',
];

const SUDO_COMMANDS = [
  '/usr/bin/systemctl reload nginx',
  '/usr/bin/systemctl restart orders-service',
  '/usr/bin/journalctl -u nginx --since today',
  '/usr/bin/apt-get update',
  '/usr/bin/apt-get -y upgrade',
  '/usr/bin/tail -n 200 /var/log/nginx/error.log',
  '/usr/bin/docker ps',
  '/usr/sbin/ufw status numbered',
];

export function authLine(time: number, host: Host, program: string, pid: number, message: string, level: Level): NewLogLine {
  return {
    time,
    content: `${syslogTime(time)} ${host.name} ${program}[${pid}]: ${message}`,
    labels: hostLabels(host, PATH, program, level),
  };
}

export function createAuthGenerator(rng: Rng): LineGenerator {
  const pids = new PidCounter(rng);
  const scanners = createIpPool(rng, 80);
  const port = () => rng.int(1024, 65535);
  const scannerIp = () => (rng.chance(0.7) ? rng.pick(scanners) : randomPublicIp(rng));
  // The bastion takes the internet-facing SSH traffic; the others only see engineers and cron.
  const pickHost = () => (rng.chance(0.6) ? BASTION : rng.pick(ECS_HOSTS));
  const engineer = () => {
    const user = rng.pick(LINUX_USERS);
    // LINUX_USERS[i] belongs to TEAM[i - 1]; the shared deploy account is used by any engineer.
    const index = LINUX_USERS.indexOf(user);
    const member = index > 0 ? TEAM[index - 1] : rng.pick(HUMANS);
    return { user, ip: memberIp(rng, member ?? HUMANS[0]!) };
  };

  return (time, level) => {
    const host = pickHost();
    const pid = pids.next(host.name);
    const r = rng.next();
    const sshd = (message: string) => authLine(time, host, 'sshd', pid, message, level);
    switch (level) {
      case 'INFO': {
        const { user, ip } = engineer();
        if (r < 0.14) return sshd(`Accepted publickey for ${user.name} from ${ip} port ${port()} ssh2: ED25519 SHA256:${base64ish(rng, 43)}`);
        if (r < 0.26) return sshd(`pam_unix(sshd:session): session opened for user ${user.name}(uid=${user.uid}) by (uid=0)`);
        if (r < 0.36) return sshd(`pam_unix(sshd:session): session closed for user ${user.name}`);
        if (r < 0.44) return authLine(time, host, 'systemd-logind', 688, `New session ${rng.int(100, 9999)} of user ${user.name}.`, level);
        if (r < 0.6) {
          const message = rng.chance(0.5) ? 'session opened for user root(uid=0) by (uid=0)' : 'session closed for user root';
          return authLine(time, host, 'CRON', pid, `pam_unix(cron:session): ${message}`, level);
        }
        if (r < 0.7) return authLine(time, host, 'sudo', pid, `  ${user.name} : TTY=pts/${rng.int(0, 3)} ; PWD=/home/${user.name} ; USER=root ; COMMAND=${rng.pick(SUDO_COMMANDS)}`, level);
        if (r < 0.76) return authLine(time, host, 'sudo', pid, `pam_unix(sudo:session): session opened for user root(uid=0) by ${user.name}(uid=${user.uid})`, level);
        if (r < 0.88) return sshd(`Received disconnect from ${scannerIp()} port ${port()}:11: Bye Bye [preauth]`);
        return sshd(`Connection closed by ${scannerIp()} port ${port()} [preauth]`);
      }
      case 'WARN': {
        const ip = scannerIp();
        const guess = rng.pick(GUESSED_USERS);
        if (r < 0.25) return sshd(`Invalid user ${guess} from ${ip} port ${port()}`);
        if (r < 0.5) return sshd(`Failed password for invalid user ${guess} from ${ip} port ${port()} ssh2`);
        if (r < 0.68) return sshd(`Failed password for root from ${ip} port ${port()} ssh2`);
        if (r < 0.8) return sshd(`pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=root`);
        if (r < 0.9) return sshd(`Disconnected from invalid user ${guess} ${ip} port ${port()} [preauth]`);
        return sshd(`Connection closed by authenticating user root ${ip} port ${port()} [preauth]`);
      }
      case 'ERROR': {
        if (r < 0.35) return sshd('error: kex_exchange_identification: read: Connection reset by peer');
        if (r < 0.6) return sshd(`error: maximum authentication attempts exceeded for root from ${scannerIp()} port ${port()} ssh2 [preauth]`);
        if (r < 0.8) return sshd(`fatal: Timeout before authentication for ${scannerIp()} port ${port()}`);
        const { user } = engineer();
        return authLine(time, host, 'sudo', pid, `pam_unix(sudo:auth): authentication failure; logname=${user.name} uid=${user.uid} euid=0 tty=/dev/pts/1 ruser=${user.name} rhost=  user=${user.name}`, level);
      }
      case 'DEBUG':
        return sshd(`debug1: Forked child ${pid + 1}.`);
    }
  };
}
