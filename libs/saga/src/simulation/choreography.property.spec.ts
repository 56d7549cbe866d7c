import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SagaEvent } from '../events';
import type { StockLevel } from '../inventory/stock';
import type { Order } from '../order/order';
import type { OrderRequest } from '../order/order-request';
import { paymentRules } from '../payment/payment-rules';
import { shippingFailureFor } from '../shipping/shipping-rules';
import { InMemoryChoreography } from './in-memory-choreography';
import { runToQuiescence, violationsOf } from './scenario';

const skus = ['SKU-001', 'SKU-002', 'SKU-003'];

const orderRequest: fc.Arbitrary<OrderRequest> = fc.record({
  customerId: fc.constantFrom('cust-1', 'cust-2'),
  items: fc.uniqueArray(
    fc.record({
      sku: fc.constantFrom(...skus),
      quantity: fc.integer({ min: 1, max: 4 }),
      unitPriceCents: fc.constantFrom(100, 100, 250_000, 600_000),
    }),
    { minLength: 1, maxLength: 2, selector: (line) => line.sku },
  ),
  paymentToken: fc.constantFrom('tok_visa', 'tok_visa', paymentRules.declinedToken, paymentRules.hangingToken),
  shippingAddress: fc.record({
    name: fc.constant('Ada'),
    line1: fc.constant('1 Main St'),
    city: fc.constant('Paris'),
    postalCode: fc.constantFrom('75002', '75002', '00000'),
    country: fc.constantFrom('FR', 'FR', 'DE', 'AQ', 'KP'),
  }),
});

/** One time in four: most sagas should run to their own end so every outcome shows up often. */
function sometimes<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });
}

interface SagaPlan {
  request: OrderRequest;
  cancelAt: number | undefined;
  expireAt: number | undefined;
}

/** Per order: the request and, optionally, the delivery step at which the customer cancels or the deadline passes. */
const sagaPlan: fc.Arbitrary<SagaPlan> = fc.record({
  request: orderRequest,
  cancelAt: sometimes(fc.nat({ max: 40 })),
  expireAt: sometimes(fc.nat({ max: 40 })),
});

/** Scarce enough for contention; SKU-003 is sometimes not stocked at all (unknown SKU = 0 available). */
const units = fc.nat({ max: 12 });
const initialStock: fc.Arbitrary<StockLevel[]> = fc
  .tuple(units, units, fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: units }))
  .map(([a, b, c]) => [
    { sku: 'SKU-001', available: a, reserved: 0 },
    { sku: 'SKU-002', available: b, reserved: 0 },
    ...(c === undefined ? [] : [{ sku: 'SKU-003', available: c, reserved: 0 }]),
  ]);

/** The broker's freedom: which pending delivery runs next, and whether it will be redelivered. */
const deliveryChoices = fc.array(fc.record({ index: fc.nat(), duplicate: fc.nat({ max: 4 }).map((n) => n === 0) }), {
  maxLength: 200,
});

interface Run {
  system: InMemoryChoreography;
  stock: StockLevel[];
  cancelled: Set<string>;
  expired: Set<string>;
}

function simulate(plans: SagaPlan[], stock: StockLevel[], choices: { index: number; duplicate: boolean }[]): Run {
  const system = new InMemoryChoreography(stock);
  const ids = plans.map((_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  plans.forEach((plan, i) => system.place(plan.request, ids[i]));
  const cancelled = new Set<string>();
  const expired = new Set<string>();
  const between = (step: number) => {
    plans.forEach((plan, i) => {
      const order = system.stores.orders.get(ids[i])!;
      if (plan.cancelAt === step && order.status === 'PENDING' && !order.compensating) cancelled.add(ids[i]);
      if (plan.cancelAt === step) system.cancel(ids[i]);
      if (plan.expireAt === step && order.status === 'PENDING' && !order.compensating) expired.add(ids[i]);
      if (plan.expireAt === step) system.expire(ids[i], '2027-01-01T00:00:00.000Z');
    });
  };
  const pick = (_count: number, step: number) => choices[step] ?? { index: 0, duplicate: false };
  runToQuiescence(system, pick, between);
  for (const order of system.stores.orders.values()) {
    if (order.reason === 'timed_out' && !expired.has(order.orderId)) expired.add(order.orderId); // the final sweep
  }
  return { system, stock, cancelled, expired };
}

function eventsFor(run: Run, orderId: string): SagaEvent[] {
  return run.system.published.filter((event) => event.data.orderId === orderId);
}

/** Every outcome must be one that the business rules (docs/product.md#business-rules) allow for this order and what happened to it. */
function outcomeIsAllowed(order: Order, run: Run): boolean {
  const declined = order.paymentToken === paymentRules.declinedToken || order.totalCents > paymentRules.maxAmountCents;
  const undeliverable = shippingFailureFor(order.shippingAddress) !== undefined;
  switch (`${order.status} ${order.reason ?? ''}`) {
    case 'CONFIRMED ':
      return !declined && !undeliverable && order.paymentToken !== paymentRules.hangingToken;
    case 'REJECTED insufficient_stock':
    case 'REJECTED unknown_sku':
      return true;
    case 'CANCELLED payment_declined':
      return declined;
    case 'CANCELLED shipping_failed':
      return undeliverable;
    case 'CANCELLED customer_cancelled':
      return run.cancelled.has(order.orderId);
    case 'CANCELLED timed_out':
      return run.expired.has(order.orderId);
    default:
      return false;
  }
}

describe('the choreography under any delivery order, with duplicates (property)', () => {
  it('keeps invariants 1–6 and relays each compensation exactly once', () => {
    fc.assert(
      fc.property(fc.array(sagaPlan, { minLength: 1, maxLength: 4 }), initialStock, deliveryChoices, (plans, stock, choices) => {
        const run = simulate(plans, stock, choices);
        assert.deepEqual(violationsOf(run.system, stock), []);
        for (const order of run.system.stores.orders.values()) {
          const events = eventsFor(run, order.orderId);
          const count = (type: string) => events.filter((event) => event.type === type).length;
          const terminal = count('order.confirmed') + count('order.rejected') + count('order.cancelled');
          assert.equal(terminal, 1, `${order.orderId}: ${terminal} terminal events`);
          for (const once of ['payment.captured', 'payment.refunded', 'stock.released', 'shipment.cancelled', 'order.cancellation-requested']) {
            assert.ok(count(once) <= 1, `${order.orderId}: ${count(once)} × ${once}`);
          }
          assert.ok(outcomeIsAllowed(order, run), `${order.orderId}: ${order.status} ${order.reason} not allowed`);
          const types = events.map((event) => event.type);
          if (count('payment.captured') === 1 && order.status === 'CANCELLED') {
            assert.ok(types.indexOf('payment.refunded') < types.indexOf('stock.released'), 'refund strictly before release');
          }
          const versions = order.timeline.map((step) => step.version);
          assert.deepEqual(versions, versions.map((_, i) => i + 1), 'one timeline step per version');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never lets stock go negative at any point of any interleaving', () => {
    fc.assert(
      fc.property(fc.array(sagaPlan, { minLength: 2, maxLength: 4 }), initialStock, deliveryChoices, (plans, stock, choices) => {
        const system = new InMemoryChoreography(stock);
        plans.forEach((plan, i) => system.place(plan.request, `order-${i}`));
        runToQuiescence(
          system,
          (_count, step) => choices[step] ?? { index: 0, duplicate: false },
          () => {
            for (const level of system.stores.stock.values()) {
              assert.ok(level.available >= 0 && level.reserved >= 0, `${level.sku}: ${JSON.stringify(level)}`);
            }
          },
        );
      }),
      { numRuns: 200 },
    );
  });
});
