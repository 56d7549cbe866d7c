import assert from 'node:assert/strict';
import { loadConfig, validateHandlers, workerConfigFields } from '@troupe/worker';
import { reconcilerWorker } from './worker';

describe('reconciler worker definition', () => {
  it('is named reconciler and listens on 3007 unless PORT says otherwise', () => {
    assert.equal(reconcilerWorker.service, 'reconciler');
    assert.equal(loadConfig({}, workerConfigFields(reconcilerWorker.defaultPort)).PORT, 3007);
    assert.equal(loadConfig({ PORT: '4100' }, workerConfigFields(reconcilerWorker.defaultPort)).PORT, 4100);
  });

  it('consumes nothing: no manifest and no handlers, which the chassis accepts', () => {
    assert.equal(reconcilerWorker.manifest, undefined);
    assert.equal(reconcilerWorker.handlers, undefined);
    validateHandlers(reconcilerWorker, {});
  });
});
