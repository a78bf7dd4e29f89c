import { randomUUID } from 'node:crypto';
import {
  channelSettingsViewSchema,
  messageTemplateSchema,
  type Channel,
  type ChannelKind,
  type ChannelSettingsInput,
  type MessageTemplate,
} from '../../contract/index.ts';
import type { Database } from '../storage/embedded/sqlite.ts';

type SettingsView = Channel['settings'];
export type ChannelSecrets = Record<string, string>;

/** A channel as the senders need it: settings plus secrets. Never handed to the API as is. */
export interface StoredChannel {
  id: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  settings: SettingsView;
  secrets: ChannelSecrets;
  template: MessageTemplate;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
}

interface ChannelRow {
  id: string;
  name: string;
  kind: string;
  enabled: number;
  settings: string;
  secrets: string;
  template: string;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

/** Shows enough of a secret URL to recognise it: scheme and host. */
export function urlHint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '…';
  }
}

/** Splits input settings into what may be shown and the write-only secrets. */
export function splitSettings(input: ChannelSettingsInput, previous: ChannelSecrets = {}): { settings: SettingsView; secrets: ChannelSecrets } {
  const keep = (name: string, value: string | undefined) => (value !== undefined ? { [name]: value } : previous[name] !== undefined ? { [name]: previous[name]! } : {});
  switch (input.kind) {
    case 'email': {
      const { password, ...settings } = input;
      return { settings, secrets: keep('password', password) };
    }
    case 'webhook':
      return { settings: { kind: 'webhook', url: input.url }, secrets: keep('secret', input.secret) };
    case 'slack':
    case 'teams': {
      const secrets = keep('url', input.url);
      return { settings: { kind: input.kind, urlHint: secrets.url ? urlHint(secrets.url) : '' }, secrets };
    }
    case 'smn': {
      const secrets = { ...keep('accessKey', input.accessKey), ...keep('secretKey', input.secretKey) };
      const ak = secrets.accessKey ?? '';
      return {
        settings: { kind: 'smn', endpoint: input.endpoint, projectId: input.projectId, topicUrn: input.topicUrn, accessKeyHint: ak ? `${ak.slice(0, 4)}…` : '' },
        secrets,
      };
    }
  }
}

function toStored(row: ChannelRow): StoredChannel {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ChannelKind,
    enabled: row.enabled === 1,
    settings: channelSettingsViewSchema.parse(JSON.parse(row.settings)),
    secrets: JSON.parse(row.secrets) as ChannelSecrets,
    template: messageTemplateSchema.parse(JSON.parse(row.template)),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** The API's view: secrets replaced by their names. */
export function channelView(channel: StoredChannel): Channel {
  const { secrets, ...rest } = channel;
  return { ...rest, secretsSet: Object.keys(secrets).sort() };
}

export interface ChannelWrite {
  name: string;
  enabled: boolean;
  settings: SettingsView;
  secrets: ChannelSecrets;
  template: MessageTemplate;
}

/** Notification channels in state.db. */
export class NotifyChannels {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  list(): StoredChannel[] {
    return (this.#db.prepare('SELECT * FROM notify_channels ORDER BY name COLLATE NOCASE, created_at').all() as unknown as ChannelRow[]).map(toStored);
  }

  count(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM notify_channels').get() as { n: number }).n;
  }

  get(id: string): StoredChannel | null {
    const row = this.#db.prepare('SELECT * FROM notify_channels WHERE id = ?').get(id) as ChannelRow | undefined;
    return row ? toStored(row) : null;
  }

  create(write: ChannelWrite, actor: string): StoredChannel {
    const id = randomUUID();
    const now = this.#now();
    this.#db
      .prepare(
        'INSERT INTO notify_channels(id, name, kind, enabled, settings, secrets, template, created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, write.name, write.settings.kind, write.enabled ? 1 : 0, JSON.stringify(write.settings), JSON.stringify(write.secrets), JSON.stringify(write.template), actor, now, actor, now);
    return this.get(id)!;
  }

  update(id: string, write: ChannelWrite, actor: string): StoredChannel | null {
    const result = this.#db
      .prepare('UPDATE notify_channels SET name = ?, kind = ?, enabled = ?, settings = ?, secrets = ?, template = ?, updated_by = ?, updated_at = ? WHERE id = ?')
      .run(write.name, write.settings.kind, write.enabled ? 1 : 0, JSON.stringify(write.settings), JSON.stringify(write.secrets), JSON.stringify(write.template), actor, this.#now(), id);
    return result.changes ? this.get(id) : null;
  }

  delete(id: string): void {
    this.#db.prepare('DELETE FROM notify_channels WHERE id = ?').run(id);
  }
}
