import assert from 'node:assert/strict';
import { recipientAddress } from './recipient-address';

describe('recipientAddress', () => {
  it('appends the mail domain to a plain customer id', () => {
    assert.equal(recipientAddress('cust-1', 'customers.example'), 'cust-1@customers.example');
  });
  it('uses a customer id that is an address as is', () => {
    assert.equal(recipientAddress('ann@example.com', 'customers.example'), 'ann@example.com');
  });
});
