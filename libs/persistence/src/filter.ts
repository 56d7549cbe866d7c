import { assertFieldName } from './names';
import type { FindOptions } from './store';

/** A value a filter may compare with: what JSON documents hold at a leaf. */
export type Scalar = string | number | boolean | null;
export type RangeOperator = '$gt' | '$gte' | '$lt' | '$lte';

/** One validated condition of a filter; adapters translate these, never the raw caller object. */
export type Condition =
  | { field: string; op: 'eq'; value: Scalar }
  | { field: string; op: 'in'; values: Scalar[] }
  | { field: string; op: RangeOperator; value: string | number };

const RANGE_OPERATORS: readonly RangeOperator[] = ['$gt', '$gte', '$lt', '$lte'];

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function describe(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/**
 * Validates a caller's filter (field names, operators, value types) and flattens it into conditions.
 * Unknown operators and undefined values are errors rather than ignored: silently dropping a
 * condition would turn a targeted `deleteMany` into "delete everything".
 */
export function parseFilter(filter: Record<string, unknown> | undefined): Condition[] {
  if (filter === undefined) return [];
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new TypeError(`A filter must be a plain object, got ${describe(filter)}`);
  }
  const conditions: Condition[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    assertFieldName(field);
    if (isScalar(condition)) {
      conditions.push({ field, op: 'eq', value: condition });
      continue;
    }
    if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
      throw new TypeError(`Filter on "${field}": expected a string, number, boolean, null or operator object, got ${describe(condition)}`);
    }
    const operators = Object.entries(condition as Record<string, unknown>);
    if (operators.length === 0) throw new TypeError(`Filter on "${field}": empty operator object`);
    for (const [operator, operand] of operators) {
      if (operator === '$in') {
        if (!Array.isArray(operand) || !operand.every(isScalar)) {
          throw new TypeError(`Filter on "${field}": $in needs an array of strings, numbers, booleans or null`);
        }
        conditions.push({ field, op: 'in', values: operand });
      } else if ((RANGE_OPERATORS as readonly string[]).includes(operator)) {
        if (typeof operand !== 'string' && !(typeof operand === 'number' && Number.isFinite(operand))) {
          throw new TypeError(`Filter on "${field}": ${operator} needs a finite number or a string, got ${describe(operand)}`);
        }
        conditions.push({ field, op: operator as RangeOperator, value: operand });
      } else {
        throw new TypeError(`Filter on "${field}": unsupported operator ${JSON.stringify(operator)} (use $in, $gt, $gte, $lt, $lte)`);
      }
    }
  }
  return conditions;
}

export interface ParsedFindOptions {
  sort: Array<{ field: string; direction: 1 | -1 }>;
  /** Undefined means "no limit"; 0 means "no documents". */
  limit: number | undefined;
}

export function parseFindOptions(options: FindOptions | undefined): ParsedFindOptions {
  const sort = Object.entries(options?.sort ?? {}).map(([field, direction]) => {
    assertFieldName(field);
    if (direction !== 1 && direction !== -1) throw new TypeError(`Sort on "${field}": direction must be 1 or -1`);
    return { field, direction };
  });
  const limit = options?.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new TypeError(`limit must be a non-negative integer, got ${describe(limit)}`);
  }
  return { sort, limit };
}
