/**
 * E-mail over SMTP (nodemailer), reusable by alert notifications and report schedules. The relay's
 * name is resolved and checked by the outbound rules first; nodemailer then connects to that
 * checked address, with the name kept for TLS certificate checks.
 */
import nodemailer from 'nodemailer';
import type { OutboundClient } from '../../../outbound/client.ts';
import { OutboundError } from '../../../outbound/client.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  username?: string | undefined;
  password?: string | undefined;
  from: string;
}

export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
  /** Extra headers (e.g. the idempotency key); Message-ID derived from it lets receivers drop duplicates. */
  headers?: Record<string, string>;
  messageId?: string;
  attachments?: Array<{ filename: string; content: Buffer | string; contentType?: string }>;
}

export interface EmailOptions {
  timeoutMs?: number;
  /** Extra trust for the relay's certificate (a private CA); never turns verification off. */
  ca?: string | Buffer;
}

/** Sends one message; resolves with the relay's answer, rejects with an OutboundError. */
export async function sendEmail(client: OutboundClient, smtp: SmtpSettings, message: EmailMessage, options: EmailOptions = {}): Promise<string> {
  const target = await client.resolveSocket(smtp.host, smtp.port);
  const timeout = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    host: target.address,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.username ? { auth: { user: smtp.username, pass: smtp.password ?? '' } } : {}),
    tls: { servername: smtp.host, ...(options.ca ? { ca: options.ca } : {}) },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.headers ? { headers: message.headers } : {}),
      ...(message.messageId ? { messageId: message.messageId } : {}),
      ...(message.attachments ? { attachments: message.attachments } : {}),
    });
    return `accepted by ${smtp.host}: ${String(info.response ?? '').slice(0, 200)}`;
  } catch (error) {
    const e = error as { responseCode?: number; code?: string; message?: string };
    // 5xx answers (bad recipient, authentication refused) will not get better by retrying.
    const permanent = typeof e.responseCode === 'number' ? e.responseCode >= 500 : e.code === 'EAUTH';
    const detail = `${e.code ?? 'SMTP'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${(e.message ?? String(error)).slice(0, 300)}`;
    throw new OutboundError('network', detail, { retryable: !permanent });
  } finally {
    transport.close();
  }
}
