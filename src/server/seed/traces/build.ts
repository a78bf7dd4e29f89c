/**
 * Turns "who did what to which resource, and how did it go" into a complete CTS trace record with
 * every documented field filled the way CTS fills it.
 */
import type { CtsTrace, TraceRating } from '../../../contract/index.ts';
import { PROJECT_ID, REGION } from '../actors.ts';
import type { Rng } from '../prng.ts';
import { CLIENT_ERRORS, endpointOf, SERVICES, SUCCESS_CODE, type Operation } from './catalog.ts';
import type { Resource } from './resources.ts';

export type Outcome = 'ok' | 'client-error' | 'server-error';
export type TraceUser = CtsTrace['user'];

export interface TraceInput {
  time: number;
  op: Operation;
  user: TraceUser;
  sourceIp: string;
  traceType: CtsTrace['trace_type'];
  resource: Resource;
  outcome: Outcome;
  /** Scenarios override what generic rules would say. */
  rating?: TraceRating;
  request?: unknown;
  response?: unknown;
}

// JSON key of the resource in create requests and responses, per resource type.
const BODY_KEY: Record<string, string> = {
  ecs: 'server', evs: 'volume', snapshot: 'snapshot', vpc: 'vpc', subnet: 'subnet', security_group: 'security_group',
  security_group_rule: 'security_group_rule', eip: 'publicip', user: 'user', group: 'group', credential: 'credential',
  cmk: 'key_info', instance: 'instance', backup: 'backup', notification: 'notification', stream: 'log_stream',
  loadbalancer: 'loadbalancer', listener: 'listener', member: 'member', tracker: 'tracker',
};

const ACTION_BODIES: Record<string, unknown> = {
  startServer: { 'os-start': { servers: [] } },
  stopServer: { 'os-stop': { type: 'SOFT', servers: [] } },
  rebootServer: { reboot: { type: 'SOFT', servers: [] } },
  resizeServer: { resize: { flavorRef: 's3.xlarge.2', mode: 'withStopServer' } },
  extendVolume: { 'os-extend': { new_size: 200 } },
  setBucketAcl: { owner: { id: PROJECT_ID }, grants: [{ grantee: { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' }, permission: 'READ' }] },
  setBucketLifecycle: { rules: [{ id: 'expire-tmp', prefix: 'tmp/', status: 'Enabled', expiration: { days: 30 } }] },
  updateTracker: { tracker_type: 'system', tracker_name: 'system', status: 'enabled', is_lts_enabled: true, is_support_validate: true },
  updateLogGroup: { ttl_in_days: 90 },
  resetPassword: { db_user_pwd: '******' },
  addUserToGroup: { group_id: 'developers' },
  createDatakey: { key_id: '', datakey_length: '512' },
  decryptDatakey: { key_id: '', cipher_text: '******', datakey_cipher_length: '64' },
};

function requestBody(input: TraceInput, rng: Rng): unknown {
  const { op, resource } = input;
  if (op.kind === 'login' || op.kind === 'delete' || op.name === 'logout') return null;
  const preset = ACTION_BODIES[op.name];
  if (preset) return op.service === 'KMS' ? { ...(preset as object), key_id: resource.id } : preset;
  if (op.kind !== 'create') return { [BODY_KEY[op.resourceType] ?? 'resource']: { name: resource.name } };
  switch (op.resourceType) {
    case 'ecs':
      return { server: { name: resource.name, flavorRef: rng.pick(['s3.large.2', 's3.xlarge.2', 'c4.large.2']), imageRef: rng.uuid(), availability_zone: rng.pick(['eu-de-01', 'eu-de-02']), vpcid: rng.uuid() } };
    case 'security_group_rule':
      return { security_group_rule: { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', port_range_min: 443, port_range_max: 443, remote_ip_prefix: rng.pick(['10.0.0.0/16', '192.168.0.0/16', '217.6.112.8/29']), security_group_id: rng.uuid() } };
    case 'bucket':
      return { bucket: resource.name, location: REGION, storage_class: 'STANDARD', acl: 'private' };
    case 'instance':
      return { name: resource.name, datastore: { type: 'PostgreSQL', version: '16' }, flavor_ref: 'rds.pg.x1.large.4.ha', volume: { type: 'CLOUDSSD', size: 100 } };
    case 'group':
      return { log_group_name: resource.name, ttl_in_days: 30 };
    default:
      return { [BODY_KEY[op.resourceType] ?? 'resource']: { name: resource.name } };
  }
}

function successBody(input: TraceInput, rng: Rng): unknown {
  const { op, resource } = input;
  if (op.service === 'ECS' && op.kind !== 'login') return { job_id: rng.hex(32) };
  if (op.kind !== 'create') return null;
  return { [BODY_KEY[op.resourceType] ?? 'resource']: { id: resource.id, name: resource.name } };
}

const stringify = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

export function buildTrace(input: TraceInput, rng: Rng): CtsTrace {
  const { op, resource, outcome } = input;
  let code = SUCCESS_CODE[op.kind];
  let response: unknown = input.response !== undefined ? input.response : successBody(input, rng);
  let message = '';
  let locationInfo = '';
  if (outcome !== 'ok') {
    const [failCode, failMessage] = outcome === 'server-error' ? ['500', 'Internal server error. Please try again later.'] : rng.pick(CLIENT_ERRORS[op.kind]);
    const errorCode = `${op.service}.0${failCode}`;
    code = failCode;
    message = failMessage;
    locationInfo = errorCode;
    response = { error_code: errorCode, error_msg: failMessage };
  }
  // Failed operations are warnings, server faults incidents (CTS's own rule of thumb).
  const rating: TraceRating = input.rating ?? (outcome === 'ok' ? 'normal' : outcome === 'client-error' ? 'warning' : 'incident');
  const service = SERVICES[op.service];
  return {
    trace_id: rng.uuid(),
    trace_name: op.name,
    trace_rating: rating,
    trace_type: input.traceType,
    service_type: op.service,
    resource_type: op.resourceType,
    resource_id: resource.id,
    resource_name: resource.name,
    user: input.user,
    source_ip: input.sourceIp,
    request: stringify(input.request !== undefined ? input.request : requestBody(input, rng)),
    response: stringify(response),
    code,
    message,
    time: input.time,
    record_time: input.time + rng.int(120, 2_400),
    request_id: rng.hex(32),
    api_version: service.apiVersion,
    endpoint: endpointOf(op.service),
    resource_url: service.path(op.resourceType, resource.id, resource.name),
    location_info: locationInfo,
  };
}
