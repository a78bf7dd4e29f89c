/**
 * Where a syslog message goes: rules "field=glob:group/stream" separated by ";", first match
 * wins, else the default group and stream template. Fields: host, app, facility, address.
 * Templates may use ${host}, ${app}, ${facility}; results are made valid LTS names.
 */
import { ltsName } from '../../../contract/index.ts';
import { safeName } from '../pipeline/streams.ts';

export interface RouteSubject {
  host: string;
  app: string;
  facility: string;
  address: string;
}

interface Rule {
  field: keyof RouteSubject;
  pattern: RegExp;
  group: string;
  stream: string;
}

export class RoutingError extends Error {}

const FIELDS = new Set(['host', 'app', 'facility', 'address']);

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

export class SyslogRouter {
  readonly #rules: Rule[];
  readonly #group: string;
  readonly #stream: string;

  constructor(defaultGroup: string, defaultStream: string, rules: string) {
    if (!ltsName.safeParse(defaultGroup).success) throw new RoutingError(`VIGIL_SYSLOG_GROUP: invalid log group name "${defaultGroup}"`);
    this.#group = defaultGroup;
    this.#stream = defaultStream;
    this.#rules = rules
      .split(';')
      .map((r) => r.trim())
      .filter(Boolean)
      .map((text, index) => {
        const m = /^(\w+)=([^:]+):([^/]+)\/(.+)$/.exec(text);
        if (!m || !FIELDS.has(m[1]!)) {
          throw new RoutingError(`VIGIL_SYSLOG_ROUTES rule ${index + 1} "${text}": expected field=glob:group/stream with field host, app, facility or address`);
        }
        if (!ltsName.safeParse(m[3]).success && !m[3]!.includes('${')) throw new RoutingError(`VIGIL_SYSLOG_ROUTES rule ${index + 1}: invalid log group "${m[3]}"`);
        return { field: m[1] as keyof RouteSubject, pattern: globToRegExp(m[2]!), group: m[3]!, stream: m[4]! };
      });
  }

  route(subject: RouteSubject): { group: string; stream: string } {
    const rule = this.#rules.find((r) => r.pattern.test(subject[r.field]));
    const group = rule ? expand(rule.group, subject, 'syslog') : this.#group;
    return { group, stream: expand(rule?.stream ?? this.#stream, subject, 'unknown') };
  }
}

function expand(template: string, s: RouteSubject, fallback: string): string {
  const text = template.replace(/\$\{(host|app|facility|address)\}/g, (_, key: keyof RouteSubject) => s[key] || fallback);
  return safeName(text, fallback);
}
