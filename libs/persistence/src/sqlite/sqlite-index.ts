import { assertFieldName } from '../names';
import type { IndexSpec } from '../store';
import { fieldExpression, quoteIdentifier } from './sqlite-sql';

// Uniqueness is part of the name so that asking for a unique index where a plain one exists
// creates the unique one instead of being silently satisfied by `IF NOT EXISTS`.
export function indexName(collection: string, index: IndexSpec): string {
  return `${index.unique ? 'ux' : 'ix'}:${collection}:${index.fields.join(',')}`;
}

/** Recovers the field list from an index name, for DuplicateKeyError messages. */
export function indexFieldsFromName(name: string): string | undefined {
  return /^ux:[^:]+:(.+)$/.exec(name)?.[1];
}

export function createIndexSql(collection: string, index: IndexSpec): string {
  if (!Array.isArray(index.fields) || index.fields.length === 0) {
    throw new TypeError(`Index on "${collection}" needs at least one field`);
  }
  index.fields.forEach((field) => assertFieldName(field));
  const expressions = index.fields.map(fieldExpression).join(', ');
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdentifier(indexName(collection, index))} ON ${quoteIdentifier(collection)} (${expressions})`;
}
