/**
 * Rules as code: all alert rules (and, for reference, the channels they notify, secrets only by
 * name) as YAML, and reading such a file back. Reading validates the whole file before anything
 * is applied; every problem names its line and field.
 */
import { isMap, isSeq, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import { alertRuleInputSchema, type AlertRule, type AlertRuleInput, type Channel, type InputIssue, type LogGroup } from '../../../contract/index.ts';
import { HttpError } from '../../http/http-error.ts';
import { checkRule } from './validate.ts';

const MAX_FILE_BYTES = 2_000_000;
const MAX_RULES = 1_000;

export interface FileProblem {
  line: number | null;
  field: string;
  message: string;
}

/** A rule of the file: its input, with channels named rather than by id. */
export interface FileRule {
  name: string;
  input: AlertRuleInput;
}

export function exportRulesYaml(rules: readonly AlertRule[], channels: readonly Channel[]): string {
  const channelName = new Map(channels.map((channel) => [channel.id, channel.name]));
  const doc = {
    rules: rules.map((rule) => {
      const { id: _id, version: _v, etag: _e, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, channelIds, ...input } = rule;
      return { ...input, channels: channelIds.map((id) => channelName.get(id) ?? `unknown channel ${id}`) };
    }),
    // For reference: channels are managed in Vigil (their secrets never leave it); rules name them.
    channels: channels.map((channel) => ({
      name: channel.name,
      kind: channel.kind,
      enabled: channel.enabled,
      settings: channel.settings,
      secrets: Object.fromEntries(channel.secretsSet.map((secret) => [secret, `stored in Vigil (${channel.name}/${secret})`])),
    })),
  };
  return `# Vigil alert rules. Apply with: vigil rules apply FILE (rules are matched by name).\n${stringify(doc, { lineWidth: 0 })}`;
}

function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number | null {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return null;
}

export interface ParseContext {
  minEverySeconds: number;
  groups: readonly LogGroup[];
  channels: readonly Pick<Channel, 'id' | 'name'>[];
}

/** Every rule of the file, or every problem in it (then nothing is to be applied). */
export function parseRulesFile(text: string, context: ParseContext): { rules: FileRule[]; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) return { rules: [], problems: [{ line: null, field: '', message: `the file is larger than ${MAX_FILE_BYTES} bytes` }] };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  for (const error of doc.errors) problems.push({ line: counter.linePos(error.pos[0]).line, field: '', message: error.message.split('\n')[0] ?? 'YAML syntax error' });
  if (problems.length > 0) return { rules: [], problems };
  const rulesNode = doc.get('rules', true);
  if (!isSeq(rulesNode)) return { rules: [], problems: [{ line: lineOf(doc, counter, ['rules']), field: 'rules', message: 'expected a list of rules under "rules:"' }] };
  if (rulesNode.items.length > MAX_RULES) return { rules: [], problems: [{ line: null, field: 'rules', message: `at most ${MAX_RULES} rules` }] };

  const rules: FileRule[] = [];
  const seen = new Map<string, number>();
  rulesNode.items.forEach((item, index) => {
    const at = (path: (string | number)[], message: string) =>
      problems.push({ line: lineOf(doc, counter, ['rules', index, ...path]), field: ['rules', index, ...path].join('.'), message });
    if (!isMap(item)) return at([], 'expected a rule (a mapping)');
    const raw = item.toJSON() as Record<string, unknown>;
    const { channels: channelNames = [], ...rest } = raw;
    const channelIds: string[] = [];
    if (!Array.isArray(channelNames)) at(['channels'], 'expected a list of channel names');
    else
      channelNames.forEach((name, i) => {
        const channel = context.channels.find((c) => c.name === name);
        if (!channel) at(['channels', i], `no channel named "${String(name)}" in Vigil`);
        else channelIds.push(channel.id);
      });
    const parsed = alertRuleInputSchema.safeParse({ ...rest, channelIds });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) at(issue.path as (string | number)[], issue.message);
      return;
    }
    const first = seen.get(parsed.data.name);
    if (first !== undefined) at(['name'], `the name "${parsed.data.name}" is used by rule ${first} too`);
    seen.set(parsed.data.name, index);
    try {
      checkRule(parsed.data, context.minEverySeconds, context.groups, '');
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const issues = (error.details as { issues?: InputIssue[] } | undefined)?.issues ?? [];
      for (const issue of issues) {
        const path = issue.path.replace(/^\./, '').split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        at(path, issue.position !== undefined ? `${issue.message} (at character ${issue.position + 1})` : issue.message);
      }
      if (issues.length === 0) at([], error.message);
      return;
    }
    rules.push({ name: parsed.data.name, input: parsed.data });
  });
  return problems.length > 0 ? { rules: [], problems } : { rules, problems };
}
