import assert from 'node:assert/strict';
import { createEvent } from './catalogue';
import { decodeEvent } from './catalogue';
import { parseMessage } from '@troupe/contracts';

const maxBytes = 64 * 1024;
const body = (text: string) => Buffer.from(text, 'utf8');

describe('parseMessage', () => {
  it('returns the JSON value of a well-formed body', () => {
    assert.deepEqual(parseMessage(body('{"a":[1,{"b":null}]}'), maxBytes), { ok: true, value: { a: [1, { b: null }] } });
  });

  it('refuses a body over the limit without parsing it', () => {
    assert.deepEqual(parseMessage(Buffer.alloc(maxBytes + 1, 0x20), maxBytes), {
      ok: false,
      reason: 'oversize',
      errors: [`body is ${maxBytes + 1} bytes, over the limit of ${maxBytes}`],
    });
    assert.ok(parseMessage(body(' '.repeat(maxBytes - 2) + '{}'), maxBytes).ok, 'exactly at the limit is allowed');
  });

  it('refuses non-JSON, empty and invalid UTF-8 bodies', () => {
    for (const raw of [body('not json'), body('{"a":'), body(''), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])]) {
      const result = parseMessage(raw, maxBytes);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.reason === 'not-json' && /^not JSON: /.test(result.errors[0]), JSON.stringify(result));
    }
  });

  it('refuses __proto__, constructor and prototype keys wherever they are, naming each path', () => {
    const text = '{"data":{"items":[{"__proto__":{"admin":true}}],"constructor":{"prototype":{}}},"a/b":{"__proto__":1}}';
    assert.deepEqual(parseMessage(body(text), maxBytes), {
      ok: false,
      reason: 'forbidden-key',
      errors: [
        '/a~1b/__proto__: forbidden key',
        '/data/constructor: forbidden key',
        '/data/constructor/prototype: forbidden key',
        '/data/items/0/__proto__: forbidden key',
      ],
    });
    assert.equal(({} as Record<string, unknown>).admin, undefined, 'nothing was polluted');
  });

  it('refuses a forbidden key spelled with \\u escapes, which the plain-text shortcut cannot see', () => {
    assert.deepEqual(parseMessage(body('{"data":{"\\u005f_proto__":{"x":1},"\\u0063onstructor":2}}'), maxBytes), {
      ok: false,
      reason: 'forbidden-key',
      errors: ['/data/__proto__: forbidden key', '/data/constructor: forbidden key'],
    });
  });

  it('accepts such words as values, not keys', () => {
    assert.ok(parseMessage(body('{"reason":"__proto__","x":["constructor"]}'), maxBytes).ok);
  });

  it('survives deeply nested input without throwing', () => {
    const deep = '['.repeat(50000) + ']'.repeat(50000);
    const result = parseMessage(body(deep), 1_000_000);
    assert.ok(result.ok || result.reason === 'not-json');
  });
});

describe('decodeEvent', () => {
  it('parses then validates', () => {
    const event = createEvent('shipment.failed', { orderId: '3f0c9a52-8d0e-4b8e-9a57-2f1b6c1d7e10', reason: 'unserviceable_country' }, { source: 'shipping-service' });
    assert.deepEqual(decodeEvent(body(JSON.stringify(event)), maxBytes), { ok: true, event });
    const wrong = decodeEvent(body(JSON.stringify({ ...event, data: { ...event.data, reason: 'lost' } })), maxBytes);
    assert.deepEqual(wrong, { ok: false, reason: 'invalid-data', errors: ['/data/reason: must be one of ["unserviceable_country","invalid_postal_code"]'] });
    assert.equal((decodeEvent(body('nope'), maxBytes) as { reason: string }).reason, 'not-json');
  });
});
