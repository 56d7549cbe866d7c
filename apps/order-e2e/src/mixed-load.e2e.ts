import assert from 'node:assert/strict';
import { driveMixedLoad } from './drive-mixed-load';
import { useOrderSystem } from './use-order-system';

// 200 orders over every path at once, with two competing instances of inventory and payment sharing their
// stores: whatever the interleaving, the invariants (docs/product.md#invariants) must hold once the system is quiet.
describe('order system under mixed load with two inventory and two payment instances', function () {
  this.timeout(300_000);
  const system = useOrderSystem({
    sagaDeadlineMs: 8_000,
    deadlineSweepIntervalMs: 250,
    instances: { 'inventory-service': 2, 'payment-service': 2 },
  });

  it('keeps every invariant over 200 mixed orders (bounded concurrency 20)', async () => {
    await driveMixedLoad(system(), 200, 'mixed-load');
    assert.ok(system().exited().length === 0, 'no instance crashed under load');
  });
});
