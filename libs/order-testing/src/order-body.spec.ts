import assert from 'node:assert/strict';
import { bodyTotalCents, orderBody } from './order-body';

describe('orderBody', () => {
  it('is a valid confirming order by default, totalling 44.98', () => {
    const body = orderBody();
    assert.equal(body.paymentToken, 'tok_visa');
    assert.equal(body.shippingAddress.country, 'FR');
    assert.equal(bodyTotalCents(body), 4498);
  });

  it('merges a partial address and replaces the other fields', () => {
    const body = orderBody({ paymentToken: 'tok_declined', shippingAddress: { country: 'AQ' }, items: [{ sku: 'SKU-010', quantity: 3, unitPrice: 0.1 }] });
    assert.equal(body.shippingAddress.country, 'AQ');
    assert.equal(body.shippingAddress.city, 'Paris');
    assert.equal(body.paymentToken, 'tok_declined');
    assert.equal(bodyTotalCents(body), 30);
  });
});
