import assert from 'node:assert/strict';
import { loadConfig, workerConfigFields } from '@troupe/worker';
import { inventoryServiceWorker } from './worker';

describe('inventory-service worker definition', () => {
  it('is named inventory-service and listens on 3002 unless PORT says otherwise', () => {
    assert.equal(inventoryServiceWorker.service, 'inventory-service');
    assert.equal(loadConfig({}, workerConfigFields(inventoryServiceWorker.defaultPort)).PORT, 3002);
    assert.equal(loadConfig({ PORT: '4100' }, workerConfigFields(inventoryServiceWorker.defaultPort)).PORT, 4100);
  });
});
