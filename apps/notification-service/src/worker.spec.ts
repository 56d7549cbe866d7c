import assert from 'node:assert/strict';
import { loadConfig, workerConfigFields } from '@troupe/worker';
import { notificationServiceWorker } from './worker';

describe('notification-service worker definition', () => {
  it('is named notification-service and listens on 3005 unless PORT says otherwise', () => {
    assert.equal(notificationServiceWorker.service, 'notification-service');
    assert.equal(loadConfig({}, workerConfigFields(notificationServiceWorker.defaultPort)).PORT, 3005);
    assert.equal(loadConfig({ PORT: '4100' }, workerConfigFields(notificationServiceWorker.defaultPort)).PORT, 4100);
  });
});
