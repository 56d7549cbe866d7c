import assert from 'node:assert/strict';
import { loadConfig, workerConfigFields } from '@troupe/worker';
import { shippingServiceWorker } from './worker';

describe('shipping-service worker definition', () => {
  it('is named shipping-service and listens on 3004 unless PORT says otherwise', () => {
    assert.equal(shippingServiceWorker.service, 'shipping-service');
    assert.equal(loadConfig({}, workerConfigFields(shippingServiceWorker.defaultPort)).PORT, 3004);
    assert.equal(loadConfig({ PORT: '4100' }, workerConfigFields(shippingServiceWorker.defaultPort)).PORT, 4100);
  });
});
