import assert from 'node:assert/strict';
import { loadConfig, workerConfigFields } from '@troupe/worker';
import { orderServiceWorker } from './worker';

describe('order-service worker definition', () => {
  it('is named order-service and listens on 3000 unless PORT says otherwise', () => {
    assert.equal(orderServiceWorker.service, 'order-service');
    assert.equal(loadConfig({}, workerConfigFields(orderServiceWorker.defaultPort)).PORT, 3000);
    assert.equal(loadConfig({ PORT: '4100' }, workerConfigFields(orderServiceWorker.defaultPort)).PORT, 4100);
  });
});
