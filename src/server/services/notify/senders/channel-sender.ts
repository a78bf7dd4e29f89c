/**
 * Sends one notification through one channel: renders the message with `composeMessage` (the
 * same function the preview uses) and hands it to the channel kind's transport.
 */
import { createHmac } from 'node:crypto';
import type { OutboundClient } from '../../../outbound/client.ts';
import { OutboundError } from '../../../outbound/client.ts';
import type { StoredChannel } from '../../../state/notify-channels.ts';
import { signRequest } from '../../../storage/otc/signing.ts';
import { composeMessage, type NotificationContent, type OutgoingMessage, type ReportRequest } from '../message.ts';
import { sendEmail, type EmailOptions } from './email.ts';

export interface ReportMail {
  subject: string;
  text: string;
  attachment: { filename: string; content: Buffer; contentType: string };
}

export interface ChannelSenderOptions {
  client: OutboundClient;
  publicUrl: string;
  now?: () => number;
  email?: EmailOptions;
  /** Builds the e-mail of a scheduled compliance report; absent: such rows fail with the reason. */
  report?: (report: ReportRequest) => Promise<ReportMail>;
}

export type ChannelSend = (channel: StoredChannel, content: NotificationContent) => Promise<string>;

/** `sha256=<hex>` of the exact body bytes, as receivers verify it. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function createChannelSender(options: ChannelSenderOptions): ChannelSend {
  const { client } = options;
  const now = options.now ?? Date.now;
  const post = async (url: string, message: OutgoingMessage, headers: Record<string, string>) => {
    const response = await client.send({ method: 'POST', url, body: message.payload, headers: { 'content-type': message.contentType, ...headers } });
    return `HTTP ${response.status}${response.body ? `: ${response.body.slice(0, 200)}` : ''}`;
  };

  const sendReport = async (channel: StoredChannel, report: ReportRequest & { idempotencyKey: string }): Promise<string> => {
    const s = channel.settings;
    if (s.kind !== 'email') throw new OutboundError('refused', `reports go out by e-mail only; channel "${channel.name}" is ${channel.kind}`, { retryable: false });
    if (!options.report) throw new OutboundError('refused', 'this Vigil process cannot build evidence packs', { retryable: false });
    const mail = await options.report(report);
    const key = report.idempotencyKey;
    return sendEmail(
      client,
      { host: s.host, port: s.port, security: s.security, username: s.username, password: channel.secrets.password, from: s.from },
      {
        // The schedule's recipient, not the channel's alert recipients: the channel lends its relay.
        to: [report.recipient],
        subject: mail.subject,
        text: mail.text,
        headers: { 'X-Vigil-Idempotency-Key': key },
        messageId: `<${key}.${channel.id}@vigil>`,
        attachments: [mail.attachment],
      },
      options.email,
    );
  };

  return async (channel, content) => {
    if (content.report) return sendReport(channel, { ...content.report, idempotencyKey: content.idempotencyKey });
    const message = composeMessage(channel.kind, channel.template, content, { publicUrl: options.publicUrl, channelName: channel.name });
    const key = content.idempotencyKey;
    const s = channel.settings;
    const secret = (name: string) => {
      const value = channel.secrets[name];
      if (!value) throw new OutboundError('refused', `the channel has no ${name} stored`, { retryable: false });
      return value;
    };
    switch (s.kind) {
      case 'email':
        return sendEmail(
          client,
          { host: s.host, port: s.port, security: s.security, username: s.username, password: channel.secrets.password, from: s.from },
          {
            to: s.to,
            subject: message.title,
            text: message.body,
            headers: { 'X-Vigil-Idempotency-Key': key },
            // The same notification always has the same Message-ID: a retried delivery is recognisable.
            messageId: `<${key}.${channel.id}@vigil>`,
          },
          options.email,
        );
      case 'webhook': {
        const headers: Record<string, string> = { 'idempotency-key': key, 'x-vigil-idempotency-key': key };
        if (channel.secrets.secret) headers['x-vigil-signature'] = webhookSignature(channel.secrets.secret, message.payload);
        return post(s.url, message, headers);
      }
      case 'slack':
      case 'teams':
        return post(secret('url'), message, { 'idempotency-key': key });
      case 'smn': {
        // Project id and topic URN are validated on save (letters, digits, - _ :), so they go into the path as they are.
        const url = `${s.endpoint.replace(/\/+$/, '')}/v2/${s.projectId}/notifications/topics/${s.topicUrn}/publish`;
        const signed = signRequest(
          { method: 'POST', url, headers: { 'content-type': 'application/json;charset=utf8' }, body: message.payload },
          { ak: secret('accessKey'), sk: secret('secretKey') },
          new Date(now()),
        );
        return post(url, message, { ...signed.headers, 'content-type': 'application/json;charset=utf8' });
      }
    }
  };
}
