import { z } from 'zod';
import { epochMs } from './common.ts';

export const CHANNEL_LIMITS = { maxNameLength: 80, maxRecipients: 20, maxTitleLength: 300, maxBodyLength: 4000, maxChannels: 200 } as const;

export const channelKinds = ['email', 'webhook', 'slack', 'teams', 'smn'] as const;
export type ChannelKind = (typeof channelKinds)[number];

const hostName = z.string().trim().min(1).max(253);
const url = z.string().trim().min(1).max(2048);
const email = z.string().trim().max(254).email('an e-mail address');
/** A write-only secret: sent on create/update, never returned. Omitted on update: the stored one stays. */
const secret = z.string().min(1).max(4096);

/** Settings per kind as sent by a client (secrets included). */
export const channelSettingsInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('email'),
    host: hostName,
    port: z.number().int().min(1).max(65535),
    /** starttls: plain connect then mandatory STARTTLS; tls: TLS from the start (465); none: only for allow-listed relays. */
    security: z.enum(['starttls', 'tls', 'none']),
    username: z.string().max(254).optional(),
    password: secret.optional(),
    from: email,
    to: z.array(email).min(1, 'at least one recipient').max(CHANNEL_LIMITS.maxRecipients),
  }),
  z.strictObject({ kind: z.literal('webhook'), url, secret: secret.optional() }),
  /** Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): the URL itself is the secret. */
  z.strictObject({ kind: z.literal('slack'), url: url.optional() }),
  /** Microsoft Teams workflow webhook (Adaptive Card); the URL is the secret. */
  z.strictObject({ kind: z.literal('teams'), url: url.optional() }),
  z.strictObject({
    kind: z.literal('smn'),
    /** e.g. https://smn.eu-de.otc.t-systems.com */
    endpoint: url,
    projectId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a project id'),
    topicUrn: z.string().regex(/^urn:smn:[a-z0-9-]{1,32}:[A-Za-z0-9-]{1,64}:[A-Za-z0-9_-]{1,256}$/, 'urn:smn:{region}:{project_id}:{topic}'),
    accessKey: z.string().regex(/^[A-Za-z0-9]{8,128}$/, 'an access key').optional(),
    secretKey: secret.optional(),
  }),
]);
export type ChannelSettingsInput = z.infer<typeof channelSettingsInputSchema>;

/** Message template: `{{variable}}`, `{{labels.name}}`, and `{{#alerts}}…{{/alerts}}` per alert. */
export const messageTemplateSchema = z.strictObject({
  title: z.string().max(CHANNEL_LIMITS.maxTitleLength),
  body: z.string().max(CHANNEL_LIMITS.maxBodyLength),
});
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;

const name = z.string().trim().min(1, 'a name is required').max(CHANNEL_LIMITS.maxNameLength);

export const createChannelSchema = z.strictObject({
  name,
  enabled: z.boolean().default(true),
  settings: channelSettingsInputSchema,
  /** Omitted: the default template. */
  template: messageTemplateSchema.optional(),
});
export const updateChannelSchema = createChannelSchema;

export const channelIdParamsSchema = z.strictObject({ id: z.string().uuid() });

/** Settings as returned: every secret replaced by whether it is set; chat URLs shown as scheme and host. */
export const channelSettingsViewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('email'),
    host: z.string(),
    port: z.number(),
    security: z.enum(['starttls', 'tls', 'none']),
    username: z.string().optional(),
    from: z.string(),
    to: z.array(z.string()),
  }),
  z.object({ kind: z.literal('webhook'), url: z.string() }),
  z.object({ kind: z.literal('slack'), urlHint: z.string() }),
  z.object({ kind: z.literal('teams'), urlHint: z.string() }),
  z.object({ kind: z.literal('smn'), endpoint: z.string(), projectId: z.string(), topicUrn: z.string(), accessKeyHint: z.string() }),
]);

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(channelKinds),
  enabled: z.boolean(),
  settings: channelSettingsViewSchema,
  /** Names of the write-only secrets that are stored (password, secret, url, secretKey). */
  secretsSet: z.array(z.string()),
  template: messageTemplateSchema,
  createdBy: z.string(),
  createdAt: epochMs,
  updatedBy: z.string(),
  updatedAt: epochMs,
});
export type Channel = z.infer<typeof channelSchema>;

export const channelListSchema = z.object({ channels: z.array(channelSchema) });

export const channelTestResultSchema = z.object({
  ok: z.boolean(),
  /** What the receiver answered or why it failed (never a secret). */
  detail: z.string(),
  durationMs: z.number(),
});

/** Render a template against a sample notification, exactly as the sender would. */
export const previewTemplateSchema = z.strictObject({ kind: z.enum(channelKinds), template: messageTemplateSchema });
export const templatePreviewSchema = z.object({
  ok: z.boolean(),
  /** The rendered message the channel kind would send, or the template errors with positions. */
  title: z.string(),
  body: z.string(),
  /** The exact payload (JSON body or e-mail text) for this channel kind. */
  payload: z.string(),
  errors: z.array(z.object({ field: z.enum(['title', 'body']), position: z.number(), message: z.string() })),
});
