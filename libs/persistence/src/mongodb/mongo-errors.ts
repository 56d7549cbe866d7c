import { MongoNetworkError, MongoNotConnectedError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';
import { DuplicateKeyError, StoreUnavailableError } from '../errors';

const DUPLICATE_KEY = 11000;

/** Duplicate keys are the caller's business and never transient, so they are translated even inside a transaction. */
export function translateDuplicateKey(error: unknown, collection: string, id: string | undefined): unknown {
  if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
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
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoNotConnectedError;
  return unreachable ? new StoreUnavailableError(`MongoDB ${where} is unreachable: ${error.message}`, { cause: error }) : error;
}

/** Keeps credentials out of error messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
