import assert from 'node:assert/strict';
import { newId } from '@troupe/contracts';
import { createEvent } from './catalogue';
import { validateEvent } from './catalogue';

describe('newId', () => {
  it('makes UUIDs (version 7) that sort in the order they were made, across milliseconds', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 50; index += 1) {
      ids.push(newId());
      if (index % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('gives events ids that the envelope schema accepts', () => {
    const orderId = newId();
    const event = createEvent('stock.reserved', { orderId, items: [{ sku: 'SKU-001', quantity: 1 }] }, { source: 'inventory-service' });
    assert.match(event.id, /-7[0-9a-f]{3}-/);
    assert.equal(validateEvent(event).ok, true, JSON.stringify(validateEvent(event)));
  });
});
