import assert from 'node:assert/strict';
import { decodeEvent } from '@troupe/order-catalogue';
import { buildPoison, expectedReason, poisonKinds, poisonRoutingKeys } from './poison';

describe('chaos poison', () => {
  it('builds messages every consumer refuses with the reason the DLQ check expects', () => {
    let number = 0;
    for (const routingKey of poisonRoutingKeys) {
      for (const kind of poisonKinds) {
        const poison = buildPoison('run', number++, kind, routingKey);
        const decoded = decodeEvent(poison.body, 65_536);
        assert.equal(decoded.ok, false, `${kind} on ${routingKey}`);
        assert.equal(!decoded.ok && decoded.reason, expectedReason[kind], `${kind} on ${routingKey}: ${JSON.stringify(decoded)}`);
        assert.equal(poison.properties.headers['x-chaos-poison'], `run:${number - 1}`);
      }
    }
  });
});
