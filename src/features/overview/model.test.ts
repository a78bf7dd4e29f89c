import { describe, expect, it } from 'vitest';
import { makeLogGroupList } from '../../testing/fixtures.ts';
import { filterLogGroups } from './model.ts';

describe('filterLogGroups', () => {
  const groups = makeLogGroupList().log_groups;

  it('keeps every stream of a group whose name matches', () => {
    const [group] = filterLogGroups(groups, 'WEB');
    expect(group?.log_group_name).toBe('web-tier');
    expect(group?.log_streams).toHaveLength(2);
  });

  it('keeps only the matching streams of other groups', () => {
    const result = filterLogGroups(groups, 'sysl');
    expect(result.map((group) => group.log_streams.map((stream) => stream.log_stream_name))).toEqual([['syslog']]);
  });

  it('returns everything for an empty filter', () => {
    expect(filterLogGroups(groups, '  ')).toHaveLength(2);
  });
});
