import type { Filter as MongoFilter, Sort } from 'mongodb';
import { parseFilter, parseFindOptions, type ParsedFindOptions } from '../filter';

/** What a stored document looks like to the driver: our `_id` is always a string. */
export interface MongoDocument {
  _id: string;
  version?: number;
  [field: string]: unknown;
}

/**
 * Rebuilds the caller's filter from validated conditions, so that no caller-supplied key or
 * operator (`$where`, `$expr`, …) reaches the server. Equality goes through `$eq` so a value can
 * never be read as an operator object either.
 */
export function toMongoFilter(filter: Record<string, unknown> | undefined): MongoFilter<MongoDocument> {
  const query: Record<string, Record<string, unknown>> = {};
  for (const condition of parseFilter(filter)) {
    const operators = (query[condition.field] ??= {});
    if (condition.op === 'eq') operators.$eq = condition.value;
    else if (condition.op === 'in') operators.$in = condition.values;
    else operators[condition.op] = condition.value;
  }
  return query as MongoFilter<MongoDocument>;
}

/** `_id` breaks ties, as in the SQLite adapter, so both return pages in the same order. */
export function toMongoSort(options: ParsedFindOptions): Sort {
  const sort: Array<[string, 1 | -1]> = options.sort.map(({ field, direction }) => [field, direction]);
  if (!options.sort.some(({ field }) => field === '_id')) sort.push(['_id', 1]);
  return sort;
}

export { parseFindOptions };
