/**
 * The CTS operations the demo tenant performs: real trace names per service, the resource type
 * each one touches, how often it happens and who does it. Weights are relative frequencies.
 */
import { PROJECT_ID, REGION } from '../actors.ts';

export type ServiceType = 'ECS' | 'EVS' | 'VPC' | 'IAM' | 'OBS' | 'KMS' | 'RDS' | 'CTS' | 'LTS' | 'ELB';
export type OperationKind = 'create' | 'delete' | 'update' | 'action' | 'login';

export interface Operation {
  service: ServiceType;
  name: string;
  resourceType: string;
  kind: OperationKind;
  weight: number;
}

export interface ServiceInfo {
  apiVersion: string;
  host: string;
  /** REST path of a resource of the given type, for resource_url. */
  path: (resourceType: string, id: string, name: string) => string;
}

const p = PROJECT_ID;

export const SERVICES: Record<ServiceType, ServiceInfo> = {
  ECS: { apiVersion: 'v1', host: 'ecs', path: (_t, id) => `/v1/${p}/cloudservers/${id}` },
  EVS: { apiVersion: 'v2', host: 'evs', path: (t, id) => (t === 'snapshot' ? `/v2/${p}/cloudsnapshots/${id}` : `/v2/${p}/cloudvolumes/${id}`) },
  VPC: {
    apiVersion: 'v1',
    host: 'vpc',
    path: (t, id) => `/v1/${p}/${{ vpc: 'vpcs', subnet: 'subnets', security_group: 'security-groups', security_group_rule: 'security-group-rules', eip: 'publicips' }[t] ?? 'vpcs'}/${id}`,
  },
  IAM: { apiVersion: 'v3', host: 'iam', path: (t, id) => (t === 'credential' ? `/v3.0/OS-CREDENTIAL/credentials/${id}` : t === 'group' ? `/v3/groups/${id}` : `/v3/users/${id}`) },
  OBS: { apiVersion: 'v1', host: 'obs', path: (_t, _id, name) => `/${name}` },
  KMS: { apiVersion: 'v1.0', host: 'kms', path: (_t, id) => `/v1.0/${p}/kms/keys/${id}` },
  RDS: { apiVersion: 'v3', host: 'rds', path: (t, id) => (t === 'backup' ? `/v3/${p}/backups/${id}` : `/v3/${p}/instances/${id}`) },
  CTS: { apiVersion: 'v3', host: 'cts', path: (t, _id, name) => (t === 'notification' ? `/v3/${p}/notifications/smn?notification_name=${name}` : `/v3/${p}/trackers?tracker_name=${name}`) },
  LTS: { apiVersion: 'v2', host: 'lts', path: (t, id) => (t === 'stream' ? `/v2/${p}/log-streams/${id}` : `/v2/${p}/groups/${id}`) },
  ELB: { apiVersion: 'v3', host: 'elb', path: (t, id) => `/v3/${p}/elb/${t === 'listener' ? 'listeners' : t === 'member' ? 'pools/members' : 'loadbalancers'}/${id}` },
};

export function endpointOf(service: ServiceType): string {
  return `https://${SERVICES[service].host}.${REGION}.otc.t-systems.com`;
}

const op = (service: ServiceType, name: string, resourceType: string, kind: OperationKind, weight: number): Operation => ({ service, name, resourceType, kind, weight });

/** What people (and the CI pipeline) do in the console and through the API. */
export const HUMAN_OPERATIONS: readonly Operation[] = [
  op('IAM', 'login', 'user', 'login', 30),
  op('IAM', 'logout', 'user', 'action', 9),
  op('IAM', 'updateUser', 'user', 'update', 1),
  op('IAM', 'createUser', 'user', 'create', 0.4),
  op('IAM', 'deleteUser', 'user', 'delete', 0.2),
  op('IAM', 'addUserToGroup', 'group', 'update', 0.4),
  op('IAM', 'createCredential', 'credential', 'create', 0.6),
  op('IAM', 'deleteCredential', 'credential', 'delete', 0.4),
  op('ECS', 'startServer', 'ecs', 'action', 3),
  op('ECS', 'stopServer', 'ecs', 'action', 3),
  op('ECS', 'rebootServer', 'ecs', 'action', 2),
  op('ECS', 'createServer', 'ecs', 'create', 1.2),
  op('ECS', 'deleteServer', 'ecs', 'delete', 0.8),
  op('ECS', 'resizeServer', 'ecs', 'update', 0.4),
  op('EVS', 'createVolume', 'evs', 'create', 1),
  op('EVS', 'deleteVolume', 'evs', 'delete', 0.5),
  op('EVS', 'extendVolume', 'evs', 'update', 0.4),
  op('VPC', 'createSecurityGroupRule', 'security_group_rule', 'create', 1),
  op('VPC', 'deleteSecurityGroupRule', 'security_group_rule', 'delete', 0.8),
  op('VPC', 'createSecurityGroup', 'security_group', 'create', 0.2),
  op('VPC', 'createSubnet', 'subnet', 'create', 0.2),
  op('VPC', 'updateVpc', 'vpc', 'update', 0.2),
  op('VPC', 'createEip', 'eip', 'create', 0.3),
  op('VPC', 'deleteEip', 'eip', 'delete', 0.3),
  op('OBS', 'createBucket', 'bucket', 'create', 0.3),
  op('OBS', 'deleteBucket', 'bucket', 'delete', 0.1),
  op('OBS', 'setBucketPolicy', 'bucket', 'update', 0.6),
  op('OBS', 'setBucketAcl', 'bucket', 'update', 0.3),
  op('OBS', 'setBucketLifecycle', 'bucket', 'update', 0.3),
  op('KMS', 'createKey', 'cmk', 'create', 0.2),
  op('KMS', 'enableKey', 'cmk', 'action', 0.2),
  op('KMS', 'disableKey', 'cmk', 'action', 0.2),
  op('KMS', 'cancelKeyDeletion', 'cmk', 'action', 0.05),
  op('RDS', 'restartInstance', 'instance', 'action', 0.5),
  op('RDS', 'resetPassword', 'instance', 'update', 0.2),
  op('RDS', 'createManualBackup', 'backup', 'create', 0.4),
  op('RDS', 'createInstance', 'instance', 'create', 0.1),
  op('CTS', 'updateTracker', 'tracker', 'update', 0.2),
  op('CTS', 'createNotification', 'notification', 'create', 0.1),
  op('LTS', 'createLogStream', 'stream', 'create', 0.3),
  op('LTS', 'deleteLogStream', 'stream', 'delete', 0.1),
  op('LTS', 'updateLogGroup', 'group', 'update', 0.2),
  op('LTS', 'createLogGroup', 'group', 'create', 0.1),
  op('ELB', 'updateListener', 'listener', 'update', 0.3),
  op('ELB', 'createMember', 'member', 'create', 0.5),
  op('ELB', 'deleteMember', 'member', 'delete', 0.4),
  op('ELB', 'createLoadbalancer', 'loadbalancer', 'create', 0.05),
];

/** What the platform does on its own: backups, snapshot policies, envelope encryption. */
export const SYSTEM_OPERATIONS: readonly Operation[] = [
  op('KMS', 'createDatakey', 'cmk', 'action', 6),
  op('KMS', 'decryptDatakey', 'cmk', 'action', 10),
  op('RDS', 'createBackup', 'backup', 'create', 1),
  op('EVS', 'createSnapshot', 'snapshot', 'create', 1.5),
  op('EVS', 'deleteSnapshot', 'snapshot', 'delete', 1.2),
];

/** Client-side failure codes by kind of operation, with the service's error code for the response. */
export const CLIENT_ERRORS: Record<OperationKind, readonly (readonly [code: string, message: string])[]> = {
  create: [['400', 'Invalid request parameter.'], ['409', 'The resource already exists.'], ['403', 'Policy doesn\'t allow this action.']],
  delete: [['404', 'The resource could not be found.'], ['409', 'The resource is in use and cannot be deleted.'], ['403', 'Policy doesn\'t allow this action.']],
  update: [['400', 'Invalid request parameter.'], ['403', 'Policy doesn\'t allow this action.'], ['404', 'The resource could not be found.']],
  action: [['409', 'The resource is in a state that does not allow this operation.'], ['403', 'Policy doesn\'t allow this action.'], ['404', 'The resource could not be found.']],
  login: [['401', 'The username or password is incorrect.']],
};

export const SUCCESS_CODE: Record<OperationKind, string> = { create: '201', delete: '204', update: '200', action: '200', login: '200' };
