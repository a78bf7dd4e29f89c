/**
 * Notification channels: admins create, change, delete and test them (with the step-up). Secrets
 * are write-only: stored, used by the senders, never returned, never written to the audit trail
 * or the log. Destinations are checked against the outbound rules when saved (and again by the
 * outbound client when connecting); templates are validated when saved.
 */
import { CHANNEL_LIMITS, type ChannelSettingsInput, type InputIssue, type MessageTemplate } from '../../contract/index.ts';
import type { FeatureHandlers, RequestContext } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import { isAllowListed } from '../outbound/address-policy.ts';
import type { OutboundClient } from '../outbound/client.ts';
import { composeMessage, DEFAULT_TEMPLATE, sampleContent } from '../services/notify/message.ts';
import type { ChannelSend } from '../services/notify/senders/channel-sender.ts';
import { validateTemplate } from '../services/notify/template.ts';
import { channelView, splitSettings, type ChannelWrite, type NotifyChannels, type StoredChannel } from '../state/notify-channels.ts';
import type { NotifyOutbox } from '../state/notify-outbox.ts';

type Endpoints = 'listChannels' | 'createChannel' | 'updateChannel' | 'deleteChannel' | 'testChannel' | 'previewTemplate';

export interface ChannelRouteDeps {
  channels: NotifyChannels;
  outbox: NotifyOutbox;
  outbound: OutboundClient;
  send: ChannelSend;
  publicUrl: string;
  now: () => number;
}

function templateIssues(template: MessageTemplate): InputIssue[] {
  return (['title', 'body'] as const).flatMap((field) =>
    validateTemplate(template[field]).map((e) => ({ path: `body.template.${field}`, message: e.message, position: e.position })),
  );
}

/** Save-time checks beyond the schema: destinations, required secrets, template. */
function validate(outbound: OutboundClient, settings: ChannelSettingsInput, secrets: Record<string, string>, template: MessageTemplate): void {
  const issues: InputIssue[] = templateIssues(template);
  const url = (path: string, value: string | undefined, requireHttps: boolean) => {
    if (!value) return;
    const checked = outbound.checkUrl(value, { requireHttps });
    if (!checked.ok) issues.push({ path, message: `destination refused: ${checked.reason}` });
  };
  const need = (name: string) => {
    if (!secrets[name]) issues.push({ path: `body.settings.${name}`, message: `${name} is required (it is write-only: send it once)` });
  };
  switch (settings.kind) {
    case 'email': {
      const checked = outbound.checkSocket(settings.host, settings.port);
      if (!checked.ok) issues.push({ path: 'body.settings.host', message: `destination refused: ${checked.reason}` });
      else if (settings.security === 'none' && !isAllowListed(settings.host, outbound.allow)) {
        issues.push({ path: 'body.settings.security', message: 'an unencrypted SMTP connection is only allowed to relays listed in VIGIL_OUTBOUND_ALLOW_HOSTS' });
      }
      if (settings.username && !secrets.password) need('password');
      break;
    }
    case 'webhook':
      url('body.settings.url', settings.url, false);
      break;
    case 'slack':
    case 'teams':
      need('url');
      url('body.settings.url', secrets.url, true);
      break;
    case 'smn':
      url('body.settings.endpoint', settings.endpoint, true);
      need('accessKey');
      need('secretKey');
      break;
  }
  if (issues.length > 0) {
    throw new HttpError('validation_failed', `invalid channel: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  }
}

export function channelRoutes(deps: ChannelRouteDeps): FeatureHandlers<Endpoints> {
  const actor = (ctx: RequestContext) => ctx.principal?.name ?? 'unknown';
  const found = (id: string): StoredChannel => {
    const channel = deps.channels.get(id);
    if (!channel) throw new HttpError('not_found', `no channel ${id}`);
    return channel;
  };
  const write = (body: { name: string; enabled: boolean; settings: ChannelSettingsInput; template?: MessageTemplate | undefined }, previous?: StoredChannel): ChannelWrite => {
    if (previous && previous.kind !== body.settings.kind) {
      // Secrets of another kind mean nothing here: a change of kind starts without any.
      previous = { ...previous, secrets: {} };
    }
    const { settings, secrets } = splitSettings(body.settings, previous?.secrets);
    const template = body.template ?? previous?.template ?? DEFAULT_TEMPLATE;
    validate(deps.outbound, body.settings, secrets, template);
    return { name: body.name, enabled: body.enabled, settings, secrets, template };
  };
  const audit = (ctx: RequestContext, action: string, code: number, channel: StoredChannel, request: Record<string, unknown>) =>
    ctx.audit({ action, resource: { type: 'notificationChannel', id: channel.id, name: channel.name }, code, request });

  return {
    listChannels: async () => ({ channels: deps.channels.list().map(channelView) }),
    createChannel: async ({ body }, ctx) => {
      if (deps.channels.count() >= CHANNEL_LIMITS.maxChannels) throw new HttpError('conflict', `there are already ${CHANNEL_LIMITS.maxChannels} channels, the most Vigil keeps`);
      const created = deps.channels.create(write(body), actor(ctx));
      audit(ctx, 'createChannel', 201, created, { after: channelView(created) });
      return channelView(created);
    },
    updateChannel: async ({ params, body }, ctx) => {
      const before = found(params.id);
      const after = deps.channels.update(params.id, write(body, before), actor(ctx))!;
      const secretsChanged = Object.keys(after.secrets).filter((k) => after.secrets[k] !== before.secrets[k]);
      audit(ctx, 'updateChannel', 200, after, { before: channelView(before), after: channelView(after), secretsChanged });
      return channelView(after);
    },
    deleteChannel: async ({ params }, ctx) => {
      const before = found(params.id);
      deps.channels.delete(params.id);
      audit(ctx, 'deleteChannel', 200, before, { before: channelView(before) });
      return channelView(before);
    },
    testChannel: async ({ params }, ctx) => {
      const channel = found(params.id);
      const started = deps.now();
      const content = sampleContent(started);
      let ok = true;
      let detail: string;
      try {
        detail = await deps.send(channel, content);
      } catch (error) {
        ok = false;
        detail = error instanceof Error ? error.message : String(error);
      }
      const durationMs = deps.now() - started;
      const title = composeMessage(channel.kind, channel.template, content, { publicUrl: deps.publicUrl, channelName: channel.name }).title;
      // The test shows up in delivery status like any notification.
      const seq = deps.outbox.add({
        channelId: channel.id, channelName: channel.name, channelKind: channel.kind, content, title,
        status: ok ? 'pending' : 'failed', nextAttemptAt: null, ...(ok ? {} : { lastError: detail }),
      });
      if (ok && seq !== null) deps.outbox.markDelivered(seq, deps.now());
      audit(ctx, 'testChannel', ok ? 200 : 502, channel, { result: { ok, detail: detail.slice(0, 300) } });
      return { ok, detail: detail.slice(0, 500), durationMs };
    },
    previewTemplate: async ({ body }) => {
      const errors = (['title', 'body'] as const).flatMap((field) => validateTemplate(body.template[field]).map((e) => ({ field, ...e })));
      if (errors.length > 0) return { ok: false, title: '', body: '', payload: '', errors };
      const message = composeMessage(body.kind, body.template, sampleContent(deps.now()), { publicUrl: deps.publicUrl, channelName: 'preview' });
      return { ok: true, title: message.title, body: message.body, payload: message.payload, errors: [] };
    },
  };
}
