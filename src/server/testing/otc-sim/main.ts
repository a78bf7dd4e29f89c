/**
 * `npm run otc-sim -- --port P --region R [--ak AK --sk SK] [--project ID] [--lines N]
 * [--stream-reads-per-min N --group-reads-per-min N --account-reads-per-min N]
 * [--iam-user U --iam-password P --iam-domain D --token-ttl-seconds N]`
 *
 * A local stand-in for Open Telekom Cloud's LTS, CTS and SMN APIs, for Vigil's tests and demos.
 * It is test infrastructure written from the API documentation, not the real service.
 */
import { parseArgs } from 'node:util';
import { DOCUMENTED_LIMITS } from './sim-server.ts';
import { DEFAULT_SIM_AK, DEFAULT_SIM_SK, startSimulator } from './start.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8401' },
    region: { type: 'string', default: 'eu-de' },
    ak: { type: 'string', default: DEFAULT_SIM_AK },
    sk: { type: 'string', default: DEFAULT_SIM_SK },
    project: { type: 'string' },
    lines: { type: 'string', default: '60000' },
    'stream-reads-per-min': { type: 'string', default: String(DOCUMENTED_LIMITS.streamReadsPerMin) },
    'group-reads-per-min': { type: 'string', default: String(DOCUMENTED_LIMITS.groupReadsPerMin) },
    'account-reads-per-min': { type: 'string', default: String(DOCUMENTED_LIMITS.accountReadsPerMin) },
    'iam-user': { type: 'string' },
    'iam-password': { type: 'string' },
    'iam-domain': { type: 'string' },
    'token-ttl-seconds': { type: 'string', default: '86400' },
  },
});

const int = (name: string, text: string | undefined): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, got ${text}`);
    process.exit(2);
  }
  return n;
};

const sim = await startSimulator({
  port: int('port', values.port),
  region: values.region,
  ak: values.ak,
  sk: values.sk,
  ...(values.project ? { projectId: values.project } : {}),
  lines: int('lines', values.lines),
  limits: {
    streamReadsPerMin: int('stream-reads-per-min', values['stream-reads-per-min']),
    groupReadsPerMin: int('group-reads-per-min', values['group-reads-per-min']),
    accountReadsPerMin: int('account-reads-per-min', values['account-reads-per-min']),
  },
  ...(values['iam-user']
    ? { iam: { user: values['iam-user'], password: values['iam-password'] ?? '', domain: values['iam-domain'] ?? '', tokenTtlMs: int('token-ttl-seconds', values['token-ttl-seconds']) * 1000 } }
    : {}),
});
console.log(`OTC API simulator (test infrastructure built from the LTS/CTS/SMN documentation, not Open Telekom Cloud)`);
console.log(`  region ${sim.region} at ${sim.url}, project id ${sim.projectId}`);
console.log(`  demo tenant: ${sim.seed?.lines ?? 0} log lines, ${sim.seed?.traces ?? 0} traces`);
if (values['iam-user']) console.log(`  IAM tokens: POST ${sim.url}/v3/auth/tokens for user ${values['iam-user']} of ${values['iam-domain'] ?? ''}`);
console.log(`  faults: POST ${sim.url}/__sim/fault {"mode":"dead"|"5xx"|"hang"|"slow"|"none"}`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
