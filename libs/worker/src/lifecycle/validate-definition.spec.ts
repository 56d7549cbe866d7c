import assert from 'node:assert/strict';
import { consumerManifest } from '../testing/consumer-manifest';
import { validateDefinition, validateHandlers } from './validate-definition';
import { defineWorker } from './worker-definition';
import { orderCatalogue } from '@troupe/order-catalogue';

describe('validateDefinition', () => {
  it('accepts a kebab-case service with a port', () => {
    validateDefinition({ service: 'order-view', defaultPort: 3001 });
  });

  for (const [service, defaultPort, expected] of [
    ['Order_Service', 3000, /service must be lower-case kebab-case, got "Order_Service"/],
    ['', 3000, /service must be lower-case kebab-case/],
    ['order-service', 0, /defaultPort must be an integer 1–65535, got 0/],
    ['order-service', 3000.5, /defaultPort must be an integer/],
  ] as const) {
    it(`refuses service=${JSON.stringify(service)} defaultPort=${defaultPort}`, () => {
      assert.throws(() => validateDefinition({ service, defaultPort }), expected);
    });
  }

  it('accepts a start hook and refuses one that is not a function', () => {
    validateDefinition({ service: 'order-view', defaultPort: 3001, start: () => undefined });
    assert.throws(() => validateDefinition({ service: 'order-view', defaultPort: 3001, start: 'sweeper' as never }), /start must be a function/);
  });

  for (const retired of ['onStart', 'onStop']) {
    it(`refuses the retired ${retired} hook, naming start instead`, () => {
      const definition = { service: 'order-view', defaultPort: 3001, [retired]: () => undefined };
      assert.throws(() => validateDefinition(definition), new RegExp(`${retired} is gone; use start\\(context\\) and return its stop`));
    });
  }

  it('refuses a manifest of another service', () => {
    assert.throws(() => validateDefinition({ service: 'order-view', defaultPort: 3001, manifest: consumerManifest('analytics-service', []) }), /worker definition order-view: its manifest is "analytics-service"'s/);
  });
});

describe('validateHandlers', () => {
  const handler = async () => undefined;
  const manifest = consumerManifest('stock-alerts', ['order.created', 'stock.reserved', 'payment.captured']);

  it('accepts exactly the consumed events', () => {
    validateHandlers({ service: 'stock-alerts', manifest }, { 'payment.captured': handler, 'order.created': handler, 'stock.reserved': handler });
  });

  it('refuses a missing handler, naming the service and the event', () => {
    assert.throws(
      () => validateHandlers({ service: 'stock-alerts', manifest }, { 'order.created': handler, 'stock.reserved': handler }),
      (error: Error) => error instanceof TypeError && error.message === 'worker definition stock-alerts: handler map does not match its manifest: no handler for payment.captured (consumed in its manifest)',
    );
  });

  it('refuses an extra handler, naming it', () => {
    assert.throws(
      () => validateHandlers({ service: 'stock-alerts', manifest }, { 'order.created': handler, 'stock.reserved': handler, 'payment.captured': handler, 'order.confirmed': handler }),
      /stock-alerts: handler map does not match its manifest: handlers for order\.confirmed \(not consumed in its manifest\)$/,
    );
  });

  it('names both the missing and the extra ones', () => {
    assert.throws(
      () => validateHandlers({ service: 'stock-alerts', manifest }, { 'order.created': handler, 'shipment.failed': handler, 'order.cancelled': handler }),
      /stock-alerts: .*no handler for payment\.captured, stock\.reserved \(consumed in its manifest\); handlers for order\.cancelled, shipment\.failed \(not consumed/,
    );
  });

  it('types the handler map against the manifest: a missing or an extra handler does not compile', () => {
    const alerts = consumerManifest('stock-alerts', ['order.created']);
    defineWorker({ catalogue: orderCatalogue, service: 'stock-alerts', defaultPort: 3010, manifest: alerts, handlers: () => ({ 'order.created': handler }) });
    // @ts-expect-error order.created has no handler
    defineWorker({ catalogue: orderCatalogue, service: 'stock-alerts', defaultPort: 3010, manifest: alerts, handlers: () => ({}) });
    // @ts-expect-error order.confirmed is not consumed
    defineWorker({ catalogue: orderCatalogue, service: 'stock-alerts', defaultPort: 3010, manifest: alerts, handlers: () => ({ 'order.created': handler, 'order.confirmed': handler }) });
  });

  it('without a manifest: no handlers (a worker that consumes nothing, like the reconciler)', () => {
    validateHandlers({ service: 'reconciler' }, {});
    assert.throws(() => validateHandlers({ service: 'reconciler' }, { 'order.created': handler }), /reconciler: handlers for order\.created but no manifest/);
  });
});
