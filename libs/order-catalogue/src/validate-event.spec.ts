import assert from 'node:assert/strict';
import { orderCatalogue } from './catalogue';
import { createEvent } from './catalogue';
import { validateEvent } from './catalogue';

const orderId = '3f0c9a52-8d0e-4b8e-9a57-2f1b6c1d7e10';
const valid = () => createEvent('payment.captured', { orderId, paymentId: 'pay_1', amountCents: 8548 }, { source: 'payment-service' });

function failure(raw: unknown) {
  const result = validateEvent(raw);
  assert.equal(result.ok, false, 'expected a rejection');
  return result as Extract<typeof result, { ok: false }>;
}

describe('validateEvent', () => {
  it('accepts a well-formed event and returns it typed', () => {
    const event = valid();
    const result = validateEvent(event);
    assert.ok(result.ok);
    assert.equal(result.event.type, 'payment.captured');
  });

  it('accepts every example of every schema wrapped in an envelope', () => {
    for (const entry of orderCatalogue.schemas) {
      const examples = entry.schema.examples as Array<{ orderId: string }>;
      assert.ok(examples.length >= 2, `${entry.id} needs at least two examples`);
      for (const data of examples) {
        const raw = { ...valid(), type: entry.type, dataschema: entry.id, subject: data.orderId, data };
        assert.deepEqual(validateEvent(raw), { ok: true, event: raw }, entry.id);
      }
    }
  });

  it('rejects a broken envelope before looking at the payload', () => {
    const { id: _id, ...withoutId } = valid();
    assert.deepEqual(failure(withoutId), { ok: false, reason: 'invalid-envelope', errors: ["/: must have required property 'id'"] });
    assert.deepEqual(failure({ ...valid(), specversion: '0.3' }).errors, ['/specversion: must be "1.0"']);
    assert.deepEqual(failure({ ...valid(), traceparent: '00-abc' }).errors, ["/: must NOT have additional property 'traceparent'"]);
    assert.equal(failure('just a string').reason, 'invalid-envelope');
    assert.equal(failure(null).reason, 'invalid-envelope');
  });

  it('names an unknown type, and an unknown version of a known type', () => {
    assert.deepEqual(failure({ ...valid(), type: 'payment.teleported', dataschema: 'https://troupe.dev/schemas/payment.teleported/v1' }), {
      ok: false,
      reason: 'unknown-type',
      errors: ["/type: unknown event type 'payment.teleported'"],
    });
    assert.deepEqual(failure({ ...valid(), dataschema: 'https://troupe.dev/schemas/payment.captured/v9' }), {
      ok: false,
      reason: 'unknown-type',
      errors: ["/dataschema: unknown version 9 of 'payment.captured'"],
    });
  });

  it('refuses a dataschema of another type and a subject that is not the order', () => {
    const wrongSchema = failure({ ...valid(), dataschema: 'https://troupe.dev/schemas/payment.declined/v1' });
    assert.equal(wrongSchema.reason, 'invalid-envelope');
    assert.match(wrongSchema.errors[0], /^\/dataschema: .* is not a schema of 'payment.captured'/);
    const otherOrder = failure({ ...valid(), subject: 'b7e2d4c1-5a6f-4c3d-8e9f-0a1b2c3d4e5f' });
    assert.deepEqual(otherOrder.errors, ['/subject: must equal /data/orderId']);
  });

  it('rejects an invalid payload naming the JSON path under /data', () => {
    const event = valid();
    assert.deepEqual(failure({ ...event, data: { ...event.data, amountCents: 12.5 } }), {
      ok: false,
      reason: 'invalid-data',
      errors: ['/data/amountCents: must be integer'],
    });
  });

  it('stops at the first error in production, lists all with allErrors', () => {
    const event = valid();
    const broken = { ...event, data: { orderId, paymentId: '', amountCents: -1, extra: true } };
    assert.equal(failure(broken).errors.length, 1);
    const verbose = orderCatalogue.createValidator({ allErrors: true }).validateEvent(broken);
    assert.ok(!verbose.ok);
    assert.deepEqual([...verbose.errors].sort(), [
      '/data/amountCents: must be >= 1',
      '/data/paymentId: must NOT have fewer than 1 characters',
      "/data: must NOT have additional property 'extra'",
    ]);
  });
});
