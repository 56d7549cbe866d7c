import type { Condition, ParsedFindOptions, Scalar } from '../filter';

/**
 * Translates validated conditions into SQL over the `(_id, version, doc)` table layout.
 * Field paths are spliced into the SQL text because SQLite only uses an expression index when the
 * query repeats the indexed expression literally (a bound json path would not match); this is safe
 * only because `assertFieldName` admits nothing but `[A-Za-z0-9_.]`. Values are always bound.
 */
export function fieldExpression(field: string): string {
  if (field === '_id' || field === 'version') return field;
  return `json_extract(doc, '$.${field}')`;
}

// json_extract folds JSON true/false into 1/0 and nested objects into text, so type checks go
// through json_type: a filter on `true` must not match the number 1, and a string range must not
// compare against numbers (MongoDB semantics, which the contract suite holds both adapters to).
function typeIs(field: string, kind: 'number' | 'string' | 'true' | 'false'): string {
  if (field === '_id') return kind === 'string' ? '1' : '0';
  if (field === 'version') return kind === 'number' ? '1' : '0';
  const types = kind === 'number' ? "('integer', 'real')" : kind === 'string' ? "('text')" : `('${kind}')`;
  return `json_type(doc, '$.${field}') IN ${types}`;
}

function equals(field: string, value: Scalar, params: unknown[]): string {
  if (value === null) return `${fieldExpression(field)} IS NULL`;
  if (typeof value === 'boolean') return typeIs(field, value ? 'true' : 'false');
  params.push(value);
  return `(${typeIs(field, typeof value === 'number' ? 'number' : 'string')} AND ${fieldExpression(field)} = ?)`;
}

const RANGE_SQL = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;

function conditionSql(condition: Condition, params: unknown[]): string {
  switch (condition.op) {
    case 'eq':
      return equals(condition.field, condition.value, params);
    case 'in':
      return condition.values.length === 0 ? '0' : `(${condition.values.map((value) => equals(condition.field, value, params)).join(' OR ')})`;
    default: {
      params.push(condition.value);
      const kind = typeof condition.value === 'number' ? 'number' : 'string';
      return `(${typeIs(condition.field, kind)} AND ${fieldExpression(condition.field)} ${RANGE_SQL[condition.op]} ?)`;
    }
  }
}

export function whereClause(conditions: Condition[], params: unknown[]): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.map((c) => conditionSql(c, params)).join(' AND ')}`;
}

/** `_id` breaks ties so that pages and limits are deterministic. */
export function orderAndLimit(options: ParsedFindOptions, params: unknown[]): string {
  const keys = options.sort.map(({ field, direction }) => `${fieldExpression(field)} ${direction === 1 ? 'ASC' : 'DESC'}`);
  if (!options.sort.some(({ field }) => field === '_id')) keys.push('_id ASC');
  let sql = ` ORDER BY ${keys.join(', ')}`;
  if (options.limit !== undefined) {
    params.push(options.limit);
    sql += ' LIMIT ?';
  }
  return sql;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
