import assert from 'node:assert/strict';
import { loadConfig, workerConfigFields } from '@troupe/worker';
import { analyticsServiceWorker } from './worker';

describe('analytics-service worker definition', () => {
  it('is named analytics-service and listens on 3006 unless PORT says otherwise', () => {
    assert.equal(analyticsServiceWorker.service, 'analytics-service');
    assert.equal(loadConfig({}, workerConfigFields(analyticsServiceWorker.defaultPort)).PORT, 3006);
    assert.equal(loadConfig({ PORT: '4100' }, workerConfigFields(analyticsServiceWorker.defaultPort)).PORT, 4100);
  });
});
