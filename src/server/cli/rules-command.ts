/** `vigil rules export|apply`: alert rules as code. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { channelView } from '../state/notify-channels.ts';
import { openState } from '../state/index.ts';
import { exportRulesYaml, parseRulesFile } from '../services/alerts/rules-file.ts';
import { DATA_DIR_HELP, dataDirOf, parseCommandArgs, UsageError, type Command } from './command.ts';
import { withStore } from './open-store.ts';

const usage = `Usage: vigil rules export [--data-dir DIR]
       vigil rules apply FILE [--dry-run] [--data-dir DIR]

export  prints every alert rule, and the channels they notify (secrets only by name), as YAML.
apply   creates or updates the rules of FILE, matched by name; rules not in the file are left as
        they are. The whole file is checked first: when any part is invalid, nothing changes and
        every problem is listed with its line and field. Applying the same file again changes
        nothing. Every change is recorded in Vigil's audit trail.

  --dry-run        check the file and say what would change, without changing it
  ${DATA_DIR_HELP}`;

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'alert rules as code (rules export | rules apply FILE)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { 'dry-run': { type: 'boolean' }, 'data-dir': { type: 'string' } }, true);
    const [sub, file, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError('one FILE at a time');
    const dataDir = dataDirOf(values['data-dir'], io);
    if (sub === 'export') {
      if (file !== undefined) throw new UsageError('export takes no FILE (it prints to stdout)');
      const state = openState(dataDir);
      try {
        io.out(exportRulesYaml(state.alertRules.list(), state.channels.list().map(channelView)).trimEnd());
        return 0;
      } finally {
        state.close();
      }
    }
    if (sub !== 'apply') throw new UsageError('the subcommands are "export" and "apply FILE"');
    if (file === undefined) throw new UsageError('FILE is missing');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      io.err(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    const minEverySeconds = Number(io.env.VIGIL_ALERT_MIN_INTERVAL_SECONDS ?? 60) || 60;
    const groups = await withStore(dataDir, io, (store) => store.logs.listGroups());
    const state = openState(dataDir);
    try {
      const { rules, problems } = parseRulesFile(text, { minEverySeconds, groups, channels: state.channels.list() });
      if (problems.length > 0) {
        io.err(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was changed:`);
        for (const p of problems) io.err(`  ${file}:${p.line ?? '?'}  ${p.field || '(file)'}: ${p.message}`);
        return 1;
      }
      const actor = `cli (${os.userInfo().username})`;
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for (const rule of rules) {
        const existing = state.alertRules.findByName(rule.name);
        if (existing) {
          const { id: _i, version: _v, etag: _e, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...current } = existing;
          if (JSON.stringify(current) === JSON.stringify(rule.input)) {
            unchanged++;
            continue;
          }
          updated++;
          io.out(`${values['dry-run'] ? 'would update' : 'updated'}: ${rule.name} (version ${existing.version} -> ${existing.version + 1})`);
          if (values['dry-run']) continue;
          const after = state.alertRules.update(existing.id, rule.input, actor, existing.version);
          audit(state, actor, 'updateAlertRule', existing.id, rule.name, { before: existing, after });
        } else {
          created++;
          io.out(`${values['dry-run'] ? 'would create' : 'created'}: ${rule.name}`);
          if (values['dry-run']) continue;
          const after = state.alertRules.create(rule.input, actor);
          audit(state, actor, 'createAlertRule', after.id, rule.name, { after });
        }
      }
      io.out(`${rules.length} rules in ${file}: ${created} ${values['dry-run'] ? 'to create' : 'created'}, ${updated} ${values['dry-run'] ? 'to update' : 'updated'}, ${unchanged} unchanged`);
      return 0;
    } finally {
      state.close();
    }
  },
};

function audit(state: ReturnType<typeof openState>, actor: string, action: string, id: string, name: string, request: unknown): void {
  state.audit.append({
    action,
    actor: { id: 'cli', name: actor, kind: 'user' },
    sourceIp: 'localhost',
    userAgent: 'vigil cli',
    resource: { type: 'alertRule', id, name },
    code: 200,
    request,
  });
}
