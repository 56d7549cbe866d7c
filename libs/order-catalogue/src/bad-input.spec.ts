import assert from 'node:assert/strict';
import { createEvent } from './catalogue';
import { decodeEvent } from './catalogue';
import { sampleEvent } from './testing';

const maxBytes = 64 * 1024;
const encode = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
const created = () => sampleEvent('order.created', {}, { source: 'order-service' });

function rejection(value: unknown) {
  const result = decodeEvent(encode(value), maxBytes);
  assert.equal(result.ok, false, 'expected a rejection');
  return result as Extract<typeof result, { ok: false }>;
}

describe('bad input is rejected with a precise error', () => {
  it('extra property in the payload, nested object and envelope', () => {
    const event = created();
    assert.deepEqual(rejection({ ...event, data: { ...event.data, discountCents: 100 } }).errors, ["/data: must NOT have additional property 'discountCents'"]);
    assert.deepEqual(
      rejection({ ...event, data: { ...event.data, shippingAddress: { ...event.data.shippingAddress, line2: 'Flat 3' } } }).errors,
      ["/data/shippingAddress: must NOT have additional property 'line2'"],
    );
    assert.deepEqual(rejection({ ...event, priority: 'high' }), { ok: false, reason: 'invalid-envelope', errors: ["/: must NOT have additional property 'priority'"] });
  });

  it('wrong types', () => {
    const event = created();
    assert.deepEqual(rejection({ ...event, data: { ...event.data, totalCents: '8548' } }).errors, ['/data/totalCents: must be integer']);
    assert.deepEqual(rejection({ ...event, data: { ...event.data, totalCents: 85.48 } }).errors, ['/data/totalCents: must be integer']);
    assert.deepEqual(rejection({ ...event, data: { ...event.data, items: {} } }).errors, ['/data/items: must be array']);
    assert.deepEqual(rejection({ ...event, data: [] }), { ok: false, reason: 'invalid-envelope', errors: ['/data: must be object'] });
    assert.deepEqual(rejection({ ...event, data: { ...event.data, orderId: 42 } }).errors, ['/data/orderId: must be string']);
  });

  it('over-long strings, out-of-range numbers and malformed formats', () => {
    const event = created();
    assert.deepEqual(rejection({ ...event, data: { ...event.data, paymentToken: 't'.repeat(129) } }).errors, ['/data/paymentToken: must NOT have more than 128 characters']);
    assert.deepEqual(rejection({ ...event, source: 's'.repeat(129) }).errors, ['/source: must NOT have more than 128 characters']);
    const items = [{ sku: 'SKU-001', quantity: 1001, unitPriceCents: 1 }];
    assert.deepEqual(rejection({ ...event, data: { ...event.data, items } }).errors, ['/data/items/0/quantity: must be <= 1000']);
    assert.deepEqual(rejection({ ...event, data: { ...event.data, deadline: 'tomorrow' } }).errors, ['/data/deadline: must match format "date-time"']);
    assert.deepEqual(
      rejection({ ...event, data: { ...event.data, shippingAddress: { ...event.data.shippingAddress, country: 'gb' } } }).errors,
      ['/data/shippingAddress/country: must match pattern "^[A-Z]{2}$"'],
    );
  });

  it('huge and empty arrays', () => {
    const event = created();
    const line = { sku: 'SKU-001', quantity: 1, unitPriceCents: 1 };
    assert.deepEqual(rejection({ ...event, data: { ...event.data, items: Array(51).fill(line) } }).errors, ['/data/items: must NOT have more than 50 items']);
    assert.deepEqual(rejection({ ...event, data: { ...event.data, items: [] } }).errors, ['/data/items: must NOT have fewer than 1 items']);
    const huge = { ...event, data: { ...event.data, items: Array(100000).fill(line) } };
    assert.equal(rejection(huge).reason, 'oversize');
  });

  it('prototype-polluting keys, even where the schema would reject them anyway', () => {
    const event = created();
    const text = JSON.stringify(event).replace('"data":{', '"data":{"__proto__":{"isAdmin":true},');
    assert.deepEqual(rejection(text), { ok: false, reason: 'forbidden-key', errors: ['/data/__proto__: forbidden key'] });
    const viaConstructor = JSON.stringify(event).replace('{"specversion"', '{"constructor":{"prototype":{"x":1}},"specversion"');
    assert.deepEqual(rejection(viaConstructor).errors, ['/constructor: forbidden key', '/constructor/prototype: forbidden key']);
  });

  it('non-JSON and non-object bodies', () => {
    assert.equal(rejection('<xml/>').reason, 'not-json');
    assert.equal(rejection('{"specversion":"1.0",').reason, 'not-json');
    assert.deepEqual(rejection('42'), { ok: false, reason: 'invalid-envelope', errors: ['/: must be object'] });
    assert.deepEqual(rejection('null'), { ok: false, reason: 'invalid-envelope', errors: ['/: must be object'] });
  });

  it('an event of a type nobody catalogued', () => {
    const event = createEvent('shipment.failed', { orderId: created().data.orderId, reason: 'invalid_postal_code' }, { source: 'shipping-service' });
    assert.equal(rejection({ ...event, type: 'shipment.lost', dataschema: 'https://troupe.dev/schemas/shipment.lost/v1' }).reason, 'unknown-type');
  });
});
