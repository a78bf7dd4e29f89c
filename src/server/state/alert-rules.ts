import { randomUUID } from 'node:crypto';
import { alertRuleInputSchema, type AlertRule, type AlertRuleInput } from '../../contract/index.ts';
import { transaction, type Database } from '../storage/embedded/sqlite.ts';

interface RuleRow {
  id: string;
  name: string;
  spec: string;
  version: number;
  created_at: number;
  created_by: string;
  updated_at: number;
  updated_by: string;
}

/** A save against a version that is no longer current: who changed it, and when. */
export class RuleVersionConflict extends Error {
  readonly current: AlertRule;
  constructor(current: AlertRule) {
    super(`rule "${current.name}" was changed by ${current.updatedBy} at ${new Date(current.updatedAt).toISOString()} (now version ${current.version})`);
    this.current = current;
  }
}

export const etagOf = (id: string, version: number) => `"${id}.v${version}"`;

function toRule(row: RuleRow): AlertRule {
  // Written only through the schema; parsing again keeps a hand-edited row from breaking readers.
  const spec = alertRuleInputSchema.parse(JSON.parse(row.spec));
  return {
    ...spec,
    id: row.id,
    version: row.version,
    etag: etagOf(row.id, row.version),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Alert rules in state.db, versioned: every save is a new version, kept with who saved it. */
export class AlertRules {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  list(): AlertRule[] {
    const rows = this.#db.prepare('SELECT * FROM alert_rules ORDER BY name COLLATE NOCASE, id').all() as unknown as RuleRow[];
    return rows.map(toRule);
  }

  get(id: string): AlertRule | null {
    const row = this.#db.prepare('SELECT * FROM alert_rules WHERE id = ?').get(id) as RuleRow | undefined;
    return row ? toRule(row) : null;
  }

  findByName(name: string): AlertRule | null {
    const row = this.#db.prepare('SELECT * FROM alert_rules WHERE name = ?').get(name) as RuleRow | undefined;
    return row ? toRule(row) : null;
  }

  count(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM alert_rules').get() as { n: number }).n;
  }

  create(input: AlertRuleInput, by: string, id: string = randomUUID()): AlertRule {
    const now = this.#now();
    const spec = JSON.stringify(input);
    transaction(this.#db, () => {
      this.#db
        .prepare('INSERT INTO alert_rules(id, name, spec, version, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?, ?, ?)')
        .run(id, input.name, spec, now, by, now, by);
      this.#db.prepare('INSERT INTO alert_rule_versions(rule_id, version, spec, changed_at, changed_by) VALUES (?, 1, ?, ?, ?)').run(id, spec, now, by);
    });
    return this.get(id)!;
  }

  /**
   * Saves a new version when `expectedVersion` is current (null: unconditional, for rules as code);
   * null when the rule does not exist; RuleVersionConflict when someone saved in between.
   */
  update(id: string, input: AlertRuleInput, by: string, expectedVersion: number | null): AlertRule | null {
    return transaction(this.#db, () => {
      const before = this.get(id);
      if (!before) return null;
      if (expectedVersion !== null && before.version !== expectedVersion) throw new RuleVersionConflict(before);
      const now = this.#now();
      const version = before.version + 1;
      const spec = JSON.stringify(input);
      this.#db
        .prepare('UPDATE alert_rules SET name = ?, spec = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ?')
        .run(input.name, spec, version, now, by, id);
      this.#db.prepare('INSERT INTO alert_rule_versions(rule_id, version, spec, changed_at, changed_by) VALUES (?, ?, ?, ?, ?)').run(id, version, spec, now, by);
      return this.get(id);
    });
  }

  delete(id: string, by: string, expectedVersion: number | null = null): AlertRule | null {
    return transaction(this.#db, () => {
      const before = this.get(id);
      if (!before) return null;
      if (expectedVersion !== null && before.version !== expectedVersion) throw new RuleVersionConflict(before);
      this.#db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id);
      this.#db
        .prepare('INSERT INTO alert_rule_versions(rule_id, version, spec, changed_at, changed_by) VALUES (?, ?, NULL, ?, ?)')
        .run(id, before.version + 1, this.#now(), by);
      return before;
    });
  }

  /** Every version of a rule, oldest first (null spec: the deletion). */
  versions(id: string): { version: number; changedAt: number; changedBy: string; deleted: boolean }[] {
    const rows = this.#db
      .prepare('SELECT version, changed_at, changed_by, spec IS NULL AS deleted FROM alert_rule_versions WHERE rule_id = ? ORDER BY version')
      .all(id) as { version: number; changed_at: number; changed_by: string; deleted: number }[];
    return rows.map((row) => ({ version: row.version, changedAt: row.changed_at, changedBy: row.changed_by, deleted: row.deleted === 1 }));
  }
}
