import assert from 'node:assert/strict';
import { storeConfigFor } from './open-store';

describe('storeConfigFor', () => {
  it('defaults to one SQLite file per service under DATA_DIR', () => {
    assert.deepEqual(storeConfigFor('payment-service', { DATA_DIR: '/var/troupe', MONGO_URL: undefined, MONGO_DATABASE_PREFIX: '' }), {
      kind: 'sqlite',
      file: '/var/troupe/payment-service.sqlite',
    });
  });

  it('switches to the service’s own MongoDB database when MONGO_URL is set', () => {
    assert.deepEqual(storeConfigFor('payment-service', { DATA_DIR: 'data', MONGO_URL: 'mongodb://db/?replicaSet=rs0', MONGO_DATABASE_PREFIX: '' }), {
      kind: 'mongodb',
      url: 'mongodb://db/?replicaSet=rs0',
      database: 'payment-service',
      appName: 'payment-service',
    });
  });

  it('puts MONGO_DATABASE_PREFIX in front of the database name, to keep test systems on one replica set apart', () => {
    const config = storeConfigFor('payment-service', { DATA_DIR: 'data', MONGO_URL: 'mongodb://db/?replicaSet=rs0', MONGO_DATABASE_PREFIX: 'e2e-1a2b_' });
    assert.equal(config.kind === 'mongodb' && config.database, 'e2e-1a2b_payment-service');
  });
});
