import type { ClientSession, Db } from 'mongodb';
import { ConcurrencyError } from '../errors';
import { assertDocumentId } from '../names';
import type { Collection, Filter, FindOptions, StoredDocument } from '../store';
import { translateDuplicateKey } from './mongo-errors';
import { parseFindOptions, toMongoFilter, toMongoSort, type MongoDocument } from './mongo-query';

/** Runs one driver call: the plain store adds its checks and error translation, a transaction session its own. */
export type MongoGate = <R>(operation: string, work: () => Promise<R>) => Promise<R>;

export class MongoCollection<T extends StoredDocument> implements Collection<T> {
  constructor(
    private readonly db: Db,
    private readonly name: string,
    private readonly session: ClientSession | undefined,
    private readonly gate: MongoGate,
  ) {}

  get(id: string): Promise<T | undefined> {
    return this.run('get', id, async () => ((await this.driver().findOne({ _id: id }, { session: this.session })) ?? undefined) as T | undefined);
  }

  find(filter?: Filter<T>, options?: FindOptions): Promise<T[]> {
    return this.run('find', undefined, async () => {
      const parsed = parseFindOptions(options);
      const query = toMongoFilter(filter);
      // The driver reads limit 0 as "no limit"; the port means "no documents".
      if (parsed.limit === 0) return [];
      const cursor = this.driver().find(query, { session: this.session, sort: toMongoSort(parsed) });
      if (parsed.limit !== undefined) cursor.limit(parsed.limit);
      return (await cursor.toArray()) as unknown as T[];
    });
  }

  count(filter?: Filter<T>): Promise<number> {
    return this.run('count', undefined, () => this.driver().countDocuments(toMongoFilter(filter), { session: this.session }));
  }

  insert(doc: T): Promise<T> {
    return this.run('insert', doc?._id, async () => {
      assertDocumentId(doc._id);
      const stored = { ...doc, version: 1 };
      await this.driver().insertOne(asMongoDocument(stored), { session: this.session });
      return stored;
    });
  }

  update(doc: T, expectedVersion: number): Promise<T> {
    return this.run('update', doc?._id, async () => {
      assertDocumentId(doc._id);
      if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
        throw new TypeError(`expectedVersion must be a non-negative integer, got ${JSON.stringify(expectedVersion)}`);
      }
      const stored = { ...doc, version: expectedVersion + 1 };
      const result = await this.driver().replaceOne({ _id: doc._id, version: expectedVersion }, asMongoDocument(stored), { session: this.session });
      if (result.matchedCount === 0) {
        const current = await this.driver().findOne({ _id: doc._id }, { session: this.session, projection: { version: 1 } });
        throw new ConcurrencyError(this.name, doc._id, expectedVersion, current?.version);
      }
      return stored;
    });
  }

  upsert(doc: T): Promise<T> {
    return this.run('upsert', doc?._id, async () => {
      assertDocumentId(doc._id);
      const { version: _ignored, ...fields } = doc;
      // A pipeline update replaces the document and bumps its version in one atomic server step;
      // $literal keeps string values that start with "$" from being read as field paths.
      const after = await this.driver().findOneAndUpdate(
        { _id: doc._id },
        [{ $replaceWith: { $mergeObjects: [{ $literal: fields }, { version: { $add: [{ $ifNull: ['$version', 0] }, 1] } }] } }],
        { upsert: true, returnDocument: 'after', projection: { version: 1 }, session: this.session },
      );
      return { ...doc, version: after?.version ?? 1 };
    });
  }

  delete(id: string): Promise<boolean> {
    return this.run('delete', id, async () => (await this.driver().deleteOne({ _id: id }, { session: this.session })).deletedCount > 0);
  }

  deleteMany(filter: Filter<T>): Promise<number> {
    return this.run('deleteMany', undefined, async () => {
      if (filter === undefined) throw new TypeError('deleteMany needs a filter; pass {} to delete every document on purpose');
      return (await this.driver().deleteMany(toMongoFilter(filter), { session: this.session })).deletedCount;
    });
  }

  private driver() {
    return this.db.collection<MongoDocument>(this.name);
  }

  private run<R>(operation: string, id: string | undefined, work: () => Promise<R>): Promise<R> {
    return this.gate(operation, async () => {
      try {
        return await work();
      } catch (error) {
        throw translateDuplicateKey(error, this.name, id);
      }
    });
  }
}

/** Copies a document for the driver (which adds fields to what it is given) as the driver's type. */
function asMongoDocument(doc: StoredDocument): MongoDocument {
  return { ...doc };
}
