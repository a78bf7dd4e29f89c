/**
 * What a channel sends for a notification: the rendered title and body, and the exact payload.
 * The sender and the template preview both call `composeMessage`, so a preview shows byte for
 * byte what would go out.
 */
import type { ChannelKind, MessageTemplate } from '../../../contract/index.ts';
import type { AlertSeverity, AlertTransition } from '../alerts/transition.ts';
import type { NotificationReason } from './model.ts';
import { renderTemplate, type TemplateContext } from './template.ts';

/**
 * A scheduled compliance report: the e-mail sender builds the signed pack for this period when
 * it sends (compliance/report-mailer.ts), so the outbox row stays small and a retry sends the same period.
 */
export interface ReportRequest {
  scheduleId: string;
  framework: string;
  cadence: string;
  recipient: string;
  from: number;
  to: number;
  /** Who scheduled it (as stored; the mail shows a pseudonym). */
  createdBy: string;
}

/** What the outbox stores per notification (channel-independent). */
export interface NotificationContent {
  reason: NotificationReason | 'test' | 'report';
  /** Set for scheduled compliance reports (reason 'report'); alerts is then empty. */
  report?: ReportRequest;
  ruleId: string;
  ruleName: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  alerts: AlertTransition[];
  idempotencyKey: string;
  at: number;
}

export interface OutgoingMessage {
  title: string;
  body: string;
  contentType: string;
  /** The exact request body (for e-mail: the text part). */
  payload: string;
}

export const DEFAULT_TEMPLATE: MessageTemplate = {
  title: '[{{status}}] {{ruleName}} ({{severity}}, {{count}} alert(s))',
  body:
    '{{summary}}\n{{#alerts}}\n- [{{status}}] {{summary}}: value {{value}} (threshold {{threshold}}) since {{startsAt}}\n  {{labelsText}}\n  {{evidenceUrl}}\n{{/alerts}}',
};

const SEVERITY_ORDER: AlertSeverity[] = ['critical', 'major', 'minor', 'info'];
const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
const labelsText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

function absoluteUrl(publicUrl: string, path: string): string {
  // Evidence paths are Vigil-relative; anything else is not turned into a link.
  return path.startsWith('/') && !path.startsWith('//') ? `${publicUrl}${path}` : '';
}

export function templateContext(content: NotificationContent, publicUrl: string): TemplateContext {
  const firing = content.alerts.filter((a) => a.state === 'firing');
  const first = content.alerts[0];
  const severity = SEVERITY_ORDER.find((s) => content.alerts.some((a) => a.severity === s)) ?? 'info';
  return {
    vars: {
      status: firing.length > 0 ? 'FIRING' : 'RESOLVED',
      reason: content.reason,
      ruleName: content.ruleName,
      ruleId: content.ruleId,
      severity,
      count: String(content.alerts.length),
      firingCount: String(firing.length),
      resolvedCount: String(content.alerts.length - firing.length),
      summary: first?.summary ?? '',
      description: first?.description ?? '',
      value: first ? String(first.value) : '',
      threshold: first?.threshold === null || !first ? '' : String(first.threshold),
      startsAt: iso(first?.startsAt ?? null),
      evidenceUrl: first ? absoluteUrl(publicUrl, first.evidencePath) : '',
      groupLabelsText: labelsText(content.groupLabels),
      vigilUrl: `${publicUrl}/alerts`,
    },
    groupLabels: content.groupLabels,
    alerts: content.alerts.map((a) => ({
      vars: {
        status: a.state === 'firing' ? 'FIRING' : 'RESOLVED',
        severity: a.severity,
        summary: a.summary,
        description: a.description,
        value: String(a.value),
        threshold: a.threshold === null ? '' : String(a.threshold),
        startsAt: iso(a.startsAt),
        endsAt: iso(a.endsAt),
        evidenceUrl: absoluteUrl(publicUrl, a.evidencePath),
        labelsText: labelsText(a.labels),
      },
      labels: a.labels,
    })),
  };
}

/** Slack's mrkdwn needs &, < and > escaped; otherwise alert text could mention @channel or forge links. */
export const escapeSlack = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Teams TextBlocks render Markdown: escape it so hostile label values stay text. */
export const escapeMarkdown = (v: string) => v.replace(/[\\`*_[\]()#<>!|~]/g, (c) => `\\${c}`);

/** The Alertmanager webhook (version 4) body, plus Vigil's rendered title and message. */
function alertmanagerBody(content: NotificationContent, publicUrl: string, receiver: string, title: string, body: string) {
  const common = (pick: (a: AlertTransition) => Record<string, string>) => {
    const [first, ...rest] = content.alerts.map(pick);
    return Object.fromEntries(Object.entries(first ?? {}).filter(([k, v]) => rest.every((r) => r[k] === v)));
  };
  const labelsOf = (a: AlertTransition) => ({ ...a.labels, alertname: a.ruleName, severity: a.severity, ruleId: a.ruleId });
  const annotationsOf = (a: AlertTransition) => ({ summary: a.summary, description: a.description });
  return {
    version: '4',
    groupKey: content.groupKey,
    truncatedAlerts: 0,
    status: content.alerts.some((a) => a.state === 'firing') ? 'firing' : 'resolved',
    receiver,
    groupLabels: content.groupLabels,
    commonLabels: common(labelsOf),
    commonAnnotations: common(annotationsOf),
    externalURL: publicUrl,
    alerts: content.alerts.map((a) => ({
      status: a.state,
      labels: labelsOf(a),
      annotations: annotationsOf(a),
      startsAt: iso(a.startsAt),
      endsAt: a.endsAt === null ? '0001-01-01T00:00:00Z' : iso(a.endsAt),
      generatorURL: absoluteUrl(publicUrl, a.evidencePath),
      fingerprint: a.eventId,
      value: a.value,
      threshold: a.threshold,
    })),
    idempotencyKey: content.idempotencyKey,
    title,
    message: body,
  };
}

export function composeMessage(
  kind: ChannelKind,
  template: MessageTemplate,
  content: NotificationContent,
  options: { publicUrl: string; channelName: string },
): OutgoingMessage {
  const context = templateContext(content, options.publicUrl);
  const render = (escape?: (v: string) => string) => ({
    title: renderTemplate(template.title, context, escape).replace(/[\r\n]+/g, ' ').slice(0, 300),
    body: renderTemplate(template.body, context, escape),
  });
  switch (kind) {
    case 'email': {
      const { title, body } = render();
      return { title, body, contentType: 'text/plain; charset=utf-8', payload: `Subject: ${title}\n\n${body}` };
    }
    case 'webhook': {
      const { title, body } = render();
      const json = JSON.stringify(alertmanagerBody(content, options.publicUrl, options.channelName, title, body));
      return { title, body, contentType: 'application/json', payload: json };
    }
    case 'slack': {
      const { title, body } = render(escapeSlack);
      return { title, body, contentType: 'application/json', payload: JSON.stringify({ text: `*${title}*\n${body}` }) };
    }
    case 'teams': {
      const { title, body } = render(escapeMarkdown);
      const card = {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
                { type: 'TextBlock', text: body, wrap: true },
              ],
            },
          },
        ],
      };
      return { title, body, contentType: 'application/json', payload: JSON.stringify(card) };
    }
    case 'smn': {
      const { title, body } = render();
      // SMN: subject at most 512 bytes and no line breaks; message under 256 KB.
      const subject = Buffer.from(title).subarray(0, 512).toString('utf8').replace(/\uFFFD$/, '');
      return { title: subject, body, contentType: 'application/json', payload: JSON.stringify({ subject, message: body }) };
    }
  }
}

/** The sample notification the preview and the channel test render. */
export function sampleContent(now: number): NotificationContent {
  return {
    reason: 'test',
    ruleId: 'sample-rule',
    ruleName: 'SSH brute force (sample)',
    groupKey: 'sample',
    groupLabels: { sourceIp: '185.220.101.47' },
    idempotencyKey: `test-${now}`,
    at: now,
    alerts: [
      {
        eventId: 'sample-event',
        ruleId: 'sample-rule',
        ruleName: 'SSH brute force (sample)',
        ruleVersion: 1,
        severity: 'major',
        labels: { sourceIp: '185.220.101.47', host: 'ecs-bastion-01' },
        groupKey: 'sourceIp=185.220.101.47',
        state: 'firing',
        startsAt: now - 5 * 60_000,
        endsAt: null,
        value: 360,
        threshold: 20,
        summary: 'Failed password count 360 > 20 in 5 min',
        description: 'Test message from Vigil: this channel works.',
        evidencePath: '/search?q=%22Failed%20password%22',
        channelIds: [],
      },
    ],
  };
}
