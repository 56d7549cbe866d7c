import assert from 'node:assert/strict';
import { referenceManifests } from '@troupe/order-catalogue';
import { validateHandlers } from '@troupe/worker';
import { referenceDefinitions } from './order-system';
import { workerInMemory } from './worker-in-memory';

// Every app's real definition carries its manifest, and its handler map (built as the chassis builds it, after
// prepare) is exactly what that manifest consumes: the check the chassis runs at start, before the broker.
describe('every app definition matches its manifest', () => {
  it('covers every reference manifest', () => {
    assert.deepEqual(Object.keys(referenceDefinitions).sort(), referenceManifests.map((manifest) => manifest.service).sort());
  });

  for (const [service, definition] of Object.entries(referenceDefinitions)) {
    it(`${service}: its manifest is the reference one and its handlers are exactly its consumed events`, async () => {
      const manifest = referenceManifests.find((candidate) => candidate.service === service);
      assert.equal(definition.manifest, manifest);
      const worker = await workerInMemory(definition);
      await worker.close();
    });
  }

  it('the check would refuse a definition whose handler map lost one', async () => {
    const definition = referenceDefinitions['analytics-service'];
    const { 'order.cancelled': _dropped, ...handlers } = definition.handlers!({} as never);
    assert.throws(() => validateHandlers(definition, handlers), /analytics-service: handler map does not match its manifest: no handler for order\.cancelled/);
  });
});
