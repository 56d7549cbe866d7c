import { mongoDriver } from './mongo-driver';
import { DuplicateKeyError, StoreUnavailableError } from '../errors';
import type { IndexSpec } from '../store';

const DUPLICATE_KEY = 11000;
const WRITE_CONFLICT = 112;
const NAMESPACE_EXISTS = 48;
const MAX_TIME_EXPIRED = 50;
const INDEX_OPTIONS_CONFLICT = 85;

/** Duplicate keys are the caller's business and never transient, so they are translated even inside a transaction. */
export function translateDuplicateKey(error: unknown, collection: string, id: string | undefined): unknown {
  if (error instanceof mongoDriver().MongoServerError && error.code === DUPLICATE_KEY) {
    const fields = Object.keys((error.keyPattern as Record<string, unknown> | undefined) ?? {});
    const index = fields.length === 0 || (fields.length === 1 && fields[0] === '_id') ? undefined : fields.join(',');
    return new DuplicateKeyError(collection, id ?? '?', index, { cause: error });
  }
  return error;
}

/**
 * Connection failures become StoreUnavailableError — but only outside `withTransaction`, which
 * needs the driver's own error (and its TransientTransactionError label) to decide on a retry.
 */
export function translateUnavailable(error: unknown, where: string): unknown {
  const unreachable =
    error instanceof mongoDriver().MongoNetworkError ||
    error instanceof mongoDriver().MongoServerSelectionError ||
    error instanceof mongoDriver().MongoTopologyClosedError ||
    error instanceof mongoDriver().MongoNotConnectedError;
  return unreachable ? new StoreUnavailableError(`MongoDB ${where} is unreachable: ${error.message}`, { cause: error }) : error;
}

/**
 * What escapes `withTransaction` after the driver gave up: a write conflict or another transient error still
 * unresolved, or a commit whose outcome is unknown (`maxCommitTimeMS` passed). Each is the store being busy or
 * unreachable, not the caller's fault: StoreUnavailableError, which callers retry later. A conflict resolved by
 * the driver's own re-run never gets here; the caller's function simply ran again (see withTransactionReruns).
 */
export function translateTransactionFailure(error: unknown, where: string): unknown {
  if (!(error instanceof mongoDriver().MongoServerError)) return error;
  const transient = error.hasErrorLabel('TransientTransactionError') || error.hasErrorLabel('UnknownTransactionCommitResult');
  if (transient || error.code === WRITE_CONFLICT || error.code === MAX_TIME_EXPIRED) {
    return new StoreUnavailableError(`MongoDB ${where}: transaction not committed (${error.codeName ?? error.code}: ${error.message}); retry later`, { cause: error });
  }
  return error;
}

export function isIndexOptionsConflict(error: unknown): boolean {
  return error instanceof mongoDriver().MongoServerError && error.code === INDEX_OPTIONS_CONFLICT;
}

export function isNamespaceExists(error: unknown): boolean {
  return error instanceof mongoDriver().MongoServerError && error.code === NAMESPACE_EXISTS;
}

/** `troupe_<field>_<field>[_unique]`: stable, readable, and the same on every start. */
export function indexName(index: IndexSpec): string {
  return `troupe_${index.fields.join('_')}${index.unique ? '_unique' : ''}`;
}

/** Keeps credentials out of error messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
