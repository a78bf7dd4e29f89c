// Rules as code for anomaly rules: exported YAML reads back to the same rule; a rule that names a
// subject the kind does not have is refused with its line and field.
import { describe, expect, it } from 'vitest';
import { alertRuleInputSchema, type AlertRule } from '../../../contract/index.ts';
import { exportRulesYaml, parseRulesFile } from './rules-file.ts';

const context = { minEverySeconds: 60, groups: [], channels: [] };

describe('anomaly rules as code', () => {
  it('round-trips an anomaly rule through export and apply', () => {
    const input = alertRuleInputSchema.parse({
      name: 'Unusual behaviour',
      severity: 'major',
      condition: { type: 'anomaly', kind: 'audit_behaviour', user: 'tobias.becker', minScore: 85, windowSeconds: 3600 },
    });
    const stored: AlertRule = { ...input, id: 'r1', version: 1, etag: '"r1.v1"', createdAt: 0, createdBy: 'a', updatedAt: 0, updatedBy: 'a' };
    const yaml = exportRulesYaml([stored], []);
    expect(yaml).toContain('type: anomaly');
    const { rules, problems } = parseRulesFile(yaml, context);
    expect(problems).toEqual([]);
    expect(rules[0]!.input).toEqual(input);
  });

  it('names the line and field of a misplaced subject and of a window shorter than the detector bucket', () => {
    const yaml = [
      'rules:',
      '  - name: Stream volume',
      '    severity: minor',
      '    condition:',
      '      type: anomaly',
      '      kind: log_volume',
      '      user: eve',
      '      windowSeconds: 120',
    ].join('\n');
    const { rules, problems } = parseRulesFile(yaml, context);
    expect(rules).toEqual([]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'rules.0.condition.windowSeconds', line: 8, message: expect.stringMatching(/at least 5 min/) }),
        expect.objectContaining({ field: 'rules.0.condition.user', line: 7 }),
      ]),
    );
  });
});
