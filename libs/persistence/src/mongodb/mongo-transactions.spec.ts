import assert from 'node:assert/strict';
import { MongoServerError, type ClientSession, type Db, type MongoClient } from 'mongodb';
import { StoreUnavailableError } from '../errors';
import { indexName, translateTransactionFailure } from './mongo-errors';
import { MongoStore } from './mongo-store';

const transientConflict = () => new MongoServerError({ message: 'WriteConflict', code: 112, codeName: 'WriteConflict', errorLabels: ['TransientTransactionError'] });

/**
 * A session whose `withTransaction` behaves as the driver documents: it re-runs the callback while the callback
 * fails with an error labelled TransientTransactionError (up to 120 s), and rejects with any other error.
 */
function driverLikeClient(): { client: MongoClient; runs: () => number } {
  let runs = 0;
  const session = {
    async withTransaction<T>(callback: () => Promise<T>): Promise<T> {
      const started = Date.now();
      for (;;) {
        try {
          runs += 1;
          return await callback();
        } catch (error) {
          const transient = error instanceof MongoServerError && error.hasErrorLabel('TransientTransactionError');
          if (!transient || Date.now() - started > 120_000) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    },
    endSession: async () => undefined,
  } as unknown as ClientSession;
  return { client: { startSession: () => session } as unknown as MongoClient, runs: () => runs };
}

describe('MongoDB transactions, against the driver semantics (no server)', () => {
  it('re-runs the function on a transient error, as the driver does, and returns the attempt that committed', async () => {
    const { client, runs } = driverLikeClient();
    const store = new MongoStore(client, {} as Db, 'test', { transactionTimeoutMs: 10_000, maxCommitTimeMs: 5000 });
    let attempts = 0;
    const result = await store.transaction(async () => {
      attempts += 1;
      if (attempts < 3) throw transientConflict();
      return `attempt ${attempts}`;
    });
    assert.equal(result, 'attempt 3');
    assert.equal(runs(), 3);
  });

  it('gives up on a document that keeps conflicting after transactionTimeoutMs, as StoreUnavailableError, not after 120 s', async () => {
    const { client, runs } = driverLikeClient();
    const store = new MongoStore(client, {} as Db, 'test', { transactionTimeoutMs: 50, maxCommitTimeMs: 5000 });
    const started = Date.now();
    await assert.rejects(
      store.transaction(async () => {
        throw transientConflict();
      }),
      (error: unknown) => error instanceof StoreUnavailableError && /still conflicted after \d+ attempts/.test(error.message),
    );
    assert.ok(Date.now() - started < 5000, 'bounded by the store, not the driver');
    assert.ok(runs() > 1, 'it did retry before giving up');
  });

  it('hands the session view of an aborted attempt no further operations', async () => {
    const { client } = driverLikeClient();
    const store = new MongoStore(client, { collection: () => ({ findOne: async () => null }) } as unknown as Db, 'test', { transactionTimeoutMs: 10_000, maxCommitTimeMs: 5000 });
    const views: Array<{ collection(name: string): { get(id: string): Promise<unknown> } }> = [];
    let attempts = 0;
    await store.transaction(async (session) => {
      views.push(session);
      attempts += 1;
      if (attempts === 1) throw transientConflict();
    });
    await assert.rejects(views[0]!.collection('docs').get('x'), /after its transaction ended/);
  });
});

describe('translateTransactionFailure', () => {
  it('turns what the driver could not resolve into StoreUnavailableError, which callers retry later', () => {
    assert.ok(translateTransactionFailure(transientConflict(), 'db') instanceof StoreUnavailableError);
    const unknownCommit = new MongoServerError({ message: 'timeout', code: 50, codeName: 'MaxTimeMSExpired', errorLabels: ['UnknownTransactionCommitResult'] });
    assert.ok(translateTransactionFailure(unknownCommit, 'db') instanceof StoreUnavailableError);
  });

  it('leaves the caller’s own errors and duplicate keys alone', () => {
    const mine = new Error('domain says no');
    assert.equal(translateTransactionFailure(mine, 'db'), mine);
    const duplicate = new MongoServerError({ message: 'E11000', code: 11000 });
    assert.equal(translateTransactionFailure(duplicate, 'db'), duplicate);
  });
});

describe('indexName', () => {
  it('names every index after its fields, unique ones marked', () => {
    assert.equal(indexName({ fields: ['status', 'leaseUntil'] }), 'troupe_status_leaseUntil');
    assert.equal(indexName({ fields: ['name'], unique: true }), 'troupe_name_unique');
  });
});
