/**
 * Message templates: `{{name}}`, `{{labels.key}}` / `{{groupLabels.key}}`, and one block
 * `{{#alerts}}…{{/alerts}}` repeated per alert. Deliberately tiny: no logic, no HTML, so a
 * template cannot run code or call out; unknown names are refused when the template is saved.
 */

export interface TemplateError {
  position: number;
  message: string;
}

export const NOTIFICATION_VARIABLES = [
  'status', 'reason', 'ruleName', 'ruleId', 'severity', 'count', 'firingCount', 'resolvedCount',
  'summary', 'description', 'value', 'threshold', 'startsAt', 'evidenceUrl', 'groupLabelsText', 'vigilUrl',
] as const;
export const ALERT_VARIABLES = [
  'status', 'severity', 'summary', 'description', 'value', 'threshold', 'startsAt', 'endsAt', 'evidenceUrl', 'labelsText',
] as const;

type Node =
  | { type: 'text'; text: string }
  | { type: 'var'; name: string }
  | { type: 'alerts'; children: Node[] };

export interface TemplateContext {
  vars: Record<string, string>;
  groupLabels: Record<string, string>;
  alerts: Array<{ vars: Record<string, string>; labels: Record<string, string> }>;
}

const MAX_EXPANSION = 64 * 1024;

function parse(text: string): { nodes: Node[]; errors: TemplateError[] } {
  const errors: TemplateError[] = [];
  const root: Node[] = [];
  let current = root;
  let blockStart = -1;
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      current.push({ type: 'text', text: text.slice(i) });
      break;
    }
    if (open > i) current.push({ type: 'text', text: text.slice(i, open) });
    const close = text.indexOf('}}', open + 2);
    if (close < 0) {
      errors.push({ position: open, message: '"{{" without a closing "}}"' });
      break;
    }
    const tag = text.slice(open + 2, close).trim();
    const inBlock = current !== root;
    if (tag === '#alerts') {
      if (inBlock) errors.push({ position: open, message: '{{#alerts}} cannot be nested' });
      else {
        const block: Node = { type: 'alerts', children: [] };
        root.push(block);
        current = block.children;
        blockStart = open;
      }
    } else if (tag === '/alerts') {
      if (!inBlock) errors.push({ position: open, message: '{{/alerts}} without {{#alerts}}' });
      current = root;
    } else if (/^(labels|groupLabels)\.[A-Za-z_][A-Za-z0-9_.-]{0,63}$/.test(tag)) {
      if (tag.startsWith('labels.') && !inBlock) errors.push({ position: open, message: `{{${tag}}} is only known inside {{#alerts}}…{{/alerts}}` });
      else current.push({ type: 'var', name: tag });
    } else if (inBlock ? (ALERT_VARIABLES as readonly string[]).includes(tag) : (NOTIFICATION_VARIABLES as readonly string[]).includes(tag)) {
      current.push({ type: 'var', name: tag });
    } else {
      const known = (inBlock ? ALERT_VARIABLES : NOTIFICATION_VARIABLES).join(', ');
      errors.push({ position: open, message: `unknown variable "${tag.slice(0, 40)}"${inBlock ? ' inside {{#alerts}}' : ''}; known: ${known}` });
    }
    i = close + 2;
  }
  if (current !== root) errors.push({ position: blockStart, message: '{{#alerts}} is not closed by {{/alerts}}' });
  return { nodes: root, errors };
}

export function validateTemplate(text: string): TemplateError[] {
  return parse(text).errors;
}

/** Renders a template; call only with a template that validated (errors render as nothing). */
export function renderTemplate(text: string, context: TemplateContext, escape: (value: string) => string = (v) => v): string {
  const { nodes } = parse(text);
  let out = '';
  const emit = (nodesToRender: Node[], scope: { vars: Record<string, string>; labels: Record<string, string> }) => {
    for (const node of nodesToRender) {
      if (out.length > MAX_EXPANSION) return;
      if (node.type === 'text') out += node.text;
      else if (node.type === 'var') {
        const value = node.name.startsWith('groupLabels.')
          ? context.groupLabels[node.name.slice(12)]
          : node.name.startsWith('labels.')
            ? scope.labels[node.name.slice(7)]
            : scope.vars[node.name];
        out += escape(value ?? '');
      } else {
        for (const alert of context.alerts) emit(node.children, alert);
      }
    }
  };
  emit(nodes, { vars: context.vars, labels: {} });
  return out.length > MAX_EXPANSION ? `${out.slice(0, MAX_EXPANSION)}\n… (cut at ${MAX_EXPANSION} characters)` : out;
}
