import { DuplicateKeyError, StoreUnavailableError } from '../errors';
import { indexFieldsFromName } from './sqlite-index';

interface SqliteFailure {
  code: string;
  message: string;
}

function isSqliteFailure(error: unknown): error is SqliteFailure {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

export function isBusy(error: unknown): boolean {
  return isSqliteFailure(error) && (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED'));
}

export function busyError(file: string, busyTimeoutMs: number, cause: unknown): StoreUnavailableError {
  return new StoreUnavailableError(
    `SQLite database "${file}" stayed locked by another connection for more than ${busyTimeoutMs} ms (busyTimeoutMs); retry later`,
    { cause },
  );
}

/** Maps better-sqlite3 failures to the store's errors; anything unexpected is rethrown as is. */
export function translateSqliteError(error: unknown, context: { file: string; busyTimeoutMs: number; collection: string; id?: string }): unknown {
  if (!isSqliteFailure(error)) return error;
  if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new DuplicateKeyError(context.collection, context.id ?? '?', undefined, { cause: error });
  }
  if (error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    const indexName = /index '([^']+)'/.exec(error.message)?.[1];
    const index = indexName === undefined ? 'unknown' : (indexFieldsFromName(indexName) ?? indexName);
    return new DuplicateKeyError(context.collection, context.id ?? '?', index, { cause: error });
  }
  if (isBusy(error)) return busyError(context.file, context.busyTimeoutMs, error);
  return error;
}
