/** Creating log groups and streams (writer worker). */
import { randomUUID } from 'node:crypto';
import type { NewLogGroup, NewLogStream } from '../../ports.ts';
import type { Database } from '../sqlite.ts';
import { checkedGroup, checkedStream } from '../validate.ts';

export function createGroupWriter(db: Database) {
  const groupByName = db.prepare('SELECT id, ttl_in_days AS ttl FROM log_groups WHERE name = ?');
  const groupById = db.prepare('SELECT 1 AS found FROM log_groups WHERE id = ?');
  const insertGroup = db.prepare(
    'INSERT INTO log_groups(id, name, ttl_in_days, tags, creation_time) VALUES (?, ?, ?, ?, ?)',
  );
  const streamByName = db.prepare('SELECT id FROM log_streams WHERE group_id = ? AND name = ?');
  const insertStream = db.prepare(
    'INSERT INTO log_streams(id, group_id, name, ttl_in_days, tags, creation_time) VALUES (?, ?, ?, ?, ?, ?)',
  );

  return {
    ensureGroup(input: NewLogGroup): { id: string; created: boolean; ttlInDays: number } {
      const group = checkedGroup(input);
      const existing = groupByName.get(group.name) as { id: string; ttl: number } | undefined;
      if (existing) return { id: existing.id, created: false, ttlInDays: existing.ttl };
      const id = randomUUID();
      insertGroup.run(id, group.name, BigInt(group.ttlInDays), JSON.stringify(group.tags), BigInt(Date.now()));
      return { id, created: true, ttlInDays: group.ttlInDays };
    },

    ensureStream(input: NewLogStream): { id: string; created: boolean } {
      const stream = checkedStream(input);
      if (groupById.get(stream.groupId) === undefined) throw new Error(`unknown log group id "${stream.groupId}"`);
      const existing = streamByName.get(stream.groupId, stream.name) as { id: string } | undefined;
      if (existing) return { id: existing.id, created: false };
      const id = randomUUID();
      const ttl = stream.ttlInDays === null ? null : BigInt(stream.ttlInDays);
      insertStream.run(id, stream.groupId, stream.name, ttl, JSON.stringify(stream.tags), BigInt(Date.now()));
      return { id, created: true };
    },
  };
}
