/** The rules the saga map enforces; see tools/saga-map/README.md for each one's exact definition. */
export type RuleId =
  | 'cycle'
  | 'never-produced'
  | 'never-consumed'
  | 'uncompensated-step'
  | 'stale-exemption'
  | 'undoes-unknown-step'
  | 'conflicting-reactions';

export interface Violation {
  rule: RuleId;
  message: string;
}

export function formatViolation(violation: Violation): string {
  return `[${violation.rule}] ${violation.message}`;
}
