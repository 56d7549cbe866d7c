import assert from 'node:assert/strict';
import { loadConfig, workerConfigFields } from '@troupe/worker';
import { paymentServiceWorker } from './worker';

describe('payment-service worker definition', () => {
  it('is named payment-service and listens on 3003 unless PORT says otherwise', () => {
    assert.equal(paymentServiceWorker.service, 'payment-service');
    assert.equal(loadConfig({}, workerConfigFields(paymentServiceWorker.defaultPort)).PORT, 3003);
    assert.equal(loadConfig({ PORT: '4100' }, workerConfigFields(paymentServiceWorker.defaultPort)).PORT, 4100);
  });
});
