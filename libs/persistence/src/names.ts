import { InvalidNameError } from './errors';

// Names are interpolated into SQL (table names, json paths in index expressions, which SQLite
// cannot parameterise) and into MongoDB queries (where a leading `$` is an operator), so both
// adapters accept only this conservative alphabet.
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
const FIELD_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const MAX_FIELD_DEPTH = 8;

export function assertCollectionName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw new InvalidNameError('collection', name, 'use a letter then up to 62 letters, digits, "_" or "-"');
  }
  if (/^sqlite_/i.test(name)) {
    throw new InvalidNameError('collection', name, 'the "sqlite_" prefix is reserved');
  }
}

/** Accepts top-level and dotted (nested) field paths such as `status` or `address.city`. */
export function assertFieldName(name: unknown): asserts name is string {
  const segments = typeof name === 'string' ? name.split('.') : [];
  if (segments.length === 0 || segments.length > MAX_FIELD_DEPTH || !segments.every((s) => FIELD_SEGMENT.test(s))) {
    throw new InvalidNameError('field', name, 'use dot-separated segments of letters, digits and "_", not starting with a digit');
  }
}

export function assertDocumentId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError(`Document _id must be a non-empty string, got ${JSON.stringify(id)}`);
  }
}
