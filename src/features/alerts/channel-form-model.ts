/** The channel form's fields <-> the API body. Pure, so the rules are tested without a DOM. */
import type { Channel, ChannelKind } from '../../contract/schemas/channels.ts';
import type { ChannelBody } from './notify-api.ts';

export const KIND_LABELS: Record<ChannelKind, string> = {
  email: 'E-mail (SMTP)',
  webhook: 'Webhook (Alertmanager JSON, signed)',
  slack: 'Chat: Slack, Mattermost, Rocket.Chat',
  teams: 'Chat: Microsoft Teams',
  smn: 'OTC Simple Message Notification',
};

export interface ChannelFields {
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  url: string;
  secret: string;
  host: string;
  port: string;
  security: 'starttls' | 'tls' | 'none';
  username: string;
  password: string;
  from: string;
  to: string;
  endpoint: string;
  projectId: string;
  topicUrn: string;
  accessKey: string;
  secretKey: string;
  title: string;
  body: string;
}

export const DEFAULT_TITLE = '[{{status}}] {{ruleName}} ({{severity}}, {{count}} alert(s))';
export const DEFAULT_BODY =
  '{{summary}}\n{{#alerts}}\n- [{{status}}] {{summary}}: value {{value}} (threshold {{threshold}}) since {{startsAt}}\n  {{labelsText}}\n  {{evidenceUrl}}\n{{/alerts}}';

export function emptyFields(): ChannelFields {
  return {
    name: '', kind: 'webhook', enabled: true, url: '', secret: '', host: '', port: '587', security: 'starttls', username: '', password: '',
    from: '', to: '', endpoint: 'https://smn.eu-de.otc.t-systems.com', projectId: '', topicUrn: '', accessKey: '', secretKey: '',
    title: DEFAULT_TITLE, body: DEFAULT_BODY,
  };
}

export function fieldsFromChannel(channel: Channel): ChannelFields {
  const fields = { ...emptyFields(), name: channel.name, kind: channel.kind, enabled: channel.enabled, title: channel.template.title, body: channel.template.body };
  const s = channel.settings;
  switch (s.kind) {
    case 'email':
      return { ...fields, host: s.host, port: String(s.port), security: s.security, username: s.username ?? '', from: s.from, to: s.to.join(', ') };
    case 'webhook':
      return { ...fields, url: s.url };
    case 'smn':
      return { ...fields, endpoint: s.endpoint, projectId: s.projectId, topicUrn: s.topicUrn };
    default:
      return fields;
  }
}

/** Empty secret fields are left out: the server keeps what it has stored. */
export function bodyFromFields(f: ChannelFields): ChannelBody {
  const opt = (name: string, value: string) => (value ? { [name]: value } : {});
  const template = { title: f.title, body: f.body };
  const base = { name: f.name.trim(), enabled: f.enabled, template };
  switch (f.kind) {
    case 'email':
      return {
        ...base,
        settings: {
          kind: 'email', host: f.host.trim(), port: Number(f.port), security: f.security, ...opt('username', f.username.trim()), ...opt('password', f.password),
          from: f.from.trim(), to: f.to.split(/[,;\s]+/).filter(Boolean),
        },
      };
    case 'webhook':
      return { ...base, settings: { kind: 'webhook', url: f.url.trim(), ...opt('secret', f.secret) } };
    case 'slack':
    case 'teams':
      return { ...base, settings: { kind: f.kind, ...opt('url', f.url.trim()) } };
    case 'smn':
      return {
        ...base,
        settings: { kind: 'smn', endpoint: f.endpoint.trim(), projectId: f.projectId.trim(), topicUrn: f.topicUrn.trim(), ...opt('accessKey', f.accessKey.trim()), ...opt('secretKey', f.secretKey) },
      };
  }
}

/** Where a channel sends, in one line (never a secret). */
export function destinationOf(channel: Channel): string {
  const s = channel.settings;
  switch (s.kind) {
    case 'email':
      return `${s.to.join(', ')} via ${s.host}:${s.port}`;
    case 'webhook':
      return s.url;
    case 'slack':
    case 'teams':
      return s.urlHint || 'no URL stored';
    case 'smn':
      return s.topicUrn;
  }
}
