import assert from 'node:assert/strict';
import { MongoClient } from 'mongodb';
import { createStore } from '../create-store';
import { StoreUnavailableError } from '../errors';
import { describeStoreContract } from '../testing';
import { createMongoStore } from './mongo-store';

// Test files may read MONGO_URL (library code never does): the contract runs wherever a replica set is reachable.
const mongoUrl = process.env['MONGO_URL'];

if (mongoUrl === undefined || mongoUrl === '') {
  describe('store contract: mongodb', () => {
    it('runs the store contract against MongoDB (skipped: MONGO_URL is not set, and no MongoDB server can be installed on this machine)');
  });
} else {
  const databases = new Set<string>();
  describeStoreContract(
    'mongodb',
    (key) => {
      const database = `troupe_contract_${key}`;
      databases.add(database);
      return createMongoStore({ url: mongoUrl, database });
    },
    {
      durable: true,
      cleanup: async () => {
        const client = await MongoClient.connect(mongoUrl);
        try {
          for (const database of databases) await client.db(database).dropDatabase();
        } finally {
          await client.close();
        }
      },
    },
  );
}

describe('mongodb store: connection failures', () => {
  it('fails with StoreUnavailableError, without leaking credentials, when no server answers', async () => {
    await assert.rejects(
      createStore({ kind: 'mongodb', url: 'mongodb://troupe:s3cret@127.0.0.1:9/?directConnection=true', database: 'orders', serverSelectionTimeoutMs: 300 }),
      (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError);
        assert.match(error.message, /127\.0\.0\.1:9.*database "orders".*unreachable/);
        assert.doesNotMatch(error.message, /s3cret/);
        return true;
      },
    );
  });

  it('rejects a database name that MongoDB would refuse', async () => {
    await assert.rejects(createMongoStore({ url: 'mongodb://127.0.0.1:9', database: 'orders.v1' }), /Invalid MongoDB database name/);
  });
});
