import { describe, expect, it } from 'vitest';
import type { LogGroup } from '../../contract/schemas/log-groups.ts';
import { apiScope, excludeStream, selectionLabel, selectionOf, toggleGroup, toggleStream } from './streams.ts';

function group(name: string, streams: string[]): LogGroup {
  return {
    log_group_id: `g-${name}`,
    log_group_name: name,
    ttl_in_days: 30,
    creation_time: 0,
    tag: {},
    line_count: 0,
    log_streams: streams.map((stream) => ({
      log_stream_id: `s-${name}-${stream}`,
      log_stream_name: stream,
      ttl_in_days: null,
      creation_time: 0,
      tag: {},
      line_count: 0,
      latest_time: null,
    })),
  };
}

const all = [group('ecs-prod', ['auth', 'syslog']), group('network', ['vpc-flow', 'waf-attack']), group('CTS', ['system-trace'])];
const none = { groups: [], streams: [] };

describe('stream selection', () => {
  it('narrows from everything to one stream, and names a group whose streams are all chosen', () => {
    const one = toggleStream(none, 'ecs-prod/auth', all);
    expect(one).toEqual({ groups: [], streams: ['ecs-prod/auth'] });
    expect(toggleStream(one, 'ecs-prod/syslog', all)).toEqual({ groups: ['ecs-prod'], streams: [] });
  });

  it('toggles whole groups, absorbing their single streams', () => {
    const mixed = toggleGroup({ groups: [], streams: ['ecs-prod/auth', 'network/vpc-flow'] }, 'network', all);
    expect(mixed).toEqual({ groups: ['network'], streams: ['ecs-prod/auth'] });
    expect(toggleGroup(mixed, 'network', all)).toEqual({ groups: [], streams: ['ecs-prod/auth'] });
  });

  it('unticking one stream of a chosen group keeps the others', () => {
    expect(toggleStream({ groups: ['network'], streams: [] }, 'network/waf-attack', all)).toEqual({ groups: [], streams: ['network/vpc-flow'] });
  });

  it('excludes one stream from what is searched', () => {
    expect(excludeStream(none, 'ecs-prod/auth', all)).toEqual({ groups: ['network', 'CTS'], streams: ['ecs-prod/syslog'] });
  });

  it('choosing every group is searching everything', () => {
    expect(selectionOf(new Set(['ecs-prod/auth', 'ecs-prod/syslog', 'network/vpc-flow', 'network/waf-attack', 'CTS/system-trace']), all)).toEqual(none);
  });

  it('keeps groups and streams the list does not know', () => {
    expect(toggleStream({ groups: ['gone'], streams: [] }, 'ecs-prod/auth', all)).toEqual({ groups: ['gone'], streams: ['ecs-prod/auth'] });
    expect(selectionOf(new Set(['old/stream']), all)).toEqual({ groups: [], streams: ['old/stream'] });
  });

  it('labels the selection', () => {
    expect(selectionLabel(none)).toBe('All log groups');
    expect(selectionLabel({ groups: ['network'], streams: [] })).toBe('network');
    expect(selectionLabel({ groups: [], streams: ['ecs-prod/auth'] })).toBe('ecs-prod/auth');
    expect(selectionLabel({ groups: ['network'], streams: ['ecs-prod/auth', 'CTS/system-trace'] })).toBe('1 group + 2 streams');
  });
});

describe('apiScope', () => {
  it('sends group names, or stream names within one group, without needing the list', () => {
    expect(apiScope(none, undefined)).toEqual({});
    expect(apiScope({ groups: ['network'], streams: [] }, undefined)).toEqual({ group: ['network'] });
    expect(apiScope({ groups: [], streams: ['ecs-prod/auth', 'ecs-prod/syslog'] }, undefined)).toEqual({ group: ['ecs-prod'], stream: ['auth', 'syslog'] });
  });

  it('sends stream ids for a mix, once the list is there', () => {
    const mixed = { groups: ['network'], streams: ['ecs-prod/auth'] };
    expect(apiScope(mixed, undefined)).toBeNull();
    expect(apiScope(mixed, all)).toEqual({ stream: ['s-ecs-prod-auth', 's-network-vpc-flow', 's-network-waf-attack'] });
  });
});
