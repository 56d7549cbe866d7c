import assert from 'node:assert/strict';
import { benchOrder, orderKind, soldOutSku } from './order-mix';

describe('bench orders', () => {
  it('are all happy in a happy mix, on SKUs below the sold-out one', () => {
    for (let index = 0; index < 300; index++) {
      const { kind, body } = benchOrder(index, 'happy');
      assert.equal(kind, 'confirmed');
      assert.notEqual(body.items[0]!.sku, soldOutSku);
      assert.equal(body.paymentToken, 'tok_visa');
    }
  });

  it('are 70 % happy in a mixed run, each failure driven by its business rule', () => {
    const kinds = Array.from({ length: 100 }, (_, index) => orderKind(index, 'mixed'));
    assert.equal(kinds.filter((kind) => kind === 'confirmed').length, 70);
    assert.equal(benchOrder(3, 'mixed').body.items[0]!.sku, soldOutSku);
    assert.equal(benchOrder(5, 'mixed').body.paymentToken, 'tok_declined');
    assert.equal(benchOrder(8, 'mixed').body.shippingAddress.country, 'AQ');
  });
});
