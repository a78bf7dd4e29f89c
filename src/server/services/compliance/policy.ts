import type { CompliancePolicy } from '../../../contract/index.ts';

/** Defaults until an admin sets the policy; the values (180 days for security and audit streams). */
export const DEFAULT_POLICY: CompliancePolicy = {
  retention: {
    audit: { pattern: '^CTS/|trace|audit', minDays: 180 },
    security: { pattern: 'auth|secure|waf|cfw|attack|firewall', minDays: 180 },
    application: { pattern: '.', minDays: 7 },
  },
  personalData: { pattern: 'access|auth|flow|ingress|trace', maxDays: 400 },
  maxTraceGapHours: 24,
  incidentAckHours: 24,
  maxClockSkewMinutes: 5,
  tokenMaxAgeDays: 90,
  periodDays: 30,
};
