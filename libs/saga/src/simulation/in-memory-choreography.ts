import { applyAnalyticsEvent, emptySummary } from '../analytics/analytics';
import type { Decision, RetryLater } from '../decision';
import type { SagaEvent } from '../events';
import type { StockLevel } from '../inventory/stock';
import { releaseStock } from '../inventory/release-stock';
import { reserveStock } from '../inventory/reserve-stock';
import { notifyCustomer } from '../notification/notify-customer';
import { applyOrderEvent } from '../order/apply-order-event';
import { cancelOrder, expireOrder } from '../order/cancel-order';
import type { Order } from '../order/order';
import type { OrderRequest } from '../order/order-request';
import { placeOrder } from '../order/place-order';
import { chargePayment } from '../payment/charge-payment';
import { refundPayment } from '../payment/refund-payment';
import { rememberOrderForPayment } from '../payment/remember-order-for-payment';
import { cancelShipment } from '../shipping/cancel-shipment';
import { rememberOrderForShipping } from '../shipping/remember-order-for-shipping';
import { scheduleShipment } from '../shipping/schedule-shipment';
import { Participant, Stores, subscriptions } from './participants';

export interface Delivery {
  to: Participant;
  event: SagaEvent;
}

/**
 * The whole choreography in memory, for tests: every participant's store, a bag of pending deliveries and
 * the real domain functions as handlers. The test decides which delivery runs next (any order, with
 * duplicates), which is what a broker with many queues, retries and redeliveries can do.
 */
export class InMemoryChoreography {
  readonly stores: Stores;
  readonly pending: Delivery[] = [];
  readonly published: SagaEvent[] = [];
  private nextId = 1;

  constructor(stock: StockLevel[]) {
    this.stores = {
      orders: new Map(),
      stock: new Map(stock.map((level) => [level.sku, { ...level }])),
      reservations: new Map(),
      payments: new Map(),
      shipments: new Map(),
      notifications: new Map(),
      analyticsOrders: new Map(),
      analyticsSummary: emptySummary(),
      view: new Map(),
    };
  }

  /** Saves a command's or handler's outcome and fans its events out to every subscriber. */
  commitOrder(decision: Decision<Order> | { kind: string }): void {
    if (decision.kind !== 'changed') return;
    const { state, emit } = decision as Extract<Decision<Order>, { kind: 'changed' }>;
    this.stores.orders.set(state.orderId, state);
    this.publish(emit);
  }

  place(request: OrderRequest, orderId: string, deadlineMs = 30_000): void {
    this.commitOrder(placeOrder(request, { orderId, now: this.clock(), deadlineMs }));
  }

  cancel(orderId: string): void {
    this.commitOrder(cancelOrder(this.order(orderId), this.clock()));
  }

  expire(orderId: string, now: string): void {
    this.commitOrder(expireOrder(this.order(orderId), now));
  }

  /** Runs pending delivery `index`. With `duplicate`, a copy stays pending to be delivered again later. */
  deliver(index: number, duplicate = false): void {
    const [delivery] = this.pending.splice(index, 1);
    if (duplicate) this.pending.push(delivery);
    const outcome = this.handle(delivery);
    // The broker redelivers a retried message later; at the back of the bag it cannot starve others.
    if (outcome === 'retry') this.pending.push(delivery);
  }

  private publish(events: SagaEvent[]): void {
    for (const event of events) {
      this.published.push(event);
      for (const [to, types] of Object.entries(subscriptions) as [Participant, readonly string[]][]) {
        if (types.includes(event.type)) this.pending.push({ to, event });
      }
    }
  }

  private commit<T>(decision: Decision<T> | RetryLater, save: (state: T) => void): 'done' | 'retry' {
    if (decision.kind === 'retry-later') return 'retry';
    if (decision.kind === 'changed') {
      save(decision.state);
      this.publish(decision.emit);
    }
    return 'done';
  }

  private handle({ to, event }: Delivery): 'done' | 'retry' {
    const s = this.stores;
    const orderId = event.data.orderId;
    const at = this.clock();
    // UUID-shaped so emitted events validate against the schemas (notificationId must be a UUID).
    const id = (kind: 'pay' | 'ship' | 'note') =>
      `${{ pay: '0000000a', ship: '0000000b', note: '0000000c' }[kind]}-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`;
    const saveInventory = (change: { reservation: { orderId: string }; stock: StockLevel[] }) => {
      s.reservations.set(orderId, change.reservation as never);
      for (const level of change.stock) s.stock.set(level.sku, level);
    };
    const stock = Object.fromEntries(s.stock);
    switch (`${to} ${event.type}`) {
      case 'inventory order.created':
        return this.commit(reserveStock(s.reservations.get(orderId), stock, event as never), saveInventory);
      case 'inventory payment.declined':
      case 'inventory payment.refunded':
        return this.commit(releaseStock(s.reservations.get(orderId), stock, event as never), saveInventory);
      case 'payment order.created':
        return this.commit(rememberOrderForPayment(s.payments.get(orderId), event as never), (p) => s.payments.set(orderId, p));
      case 'payment stock.reserved':
        return this.commit(chargePayment(s.payments.get(orderId), event as never, { paymentId: id('pay'), at }), (p) =>
          s.payments.set(orderId, p),
        );
      case 'payment shipment.failed':
      case 'payment shipment.cancelled':
        return this.commit(refundPayment(s.payments.get(orderId), event as never, at), (p) => s.payments.set(orderId, p));
      case 'shipping order.created':
        return this.commit(rememberOrderForShipping(s.shipments.get(orderId), event as never), (x) => s.shipments.set(orderId, x));
      case 'shipping payment.captured':
        return this.commit(scheduleShipment(s.shipments.get(orderId), event as never, id('ship')), (x) => s.shipments.set(orderId, x));
      case 'shipping order.cancellation-requested':
        return this.commit(cancelShipment(s.shipments.get(orderId), event as never), (x) => s.shipments.set(orderId, x));
      case 'notification order.confirmed':
      case 'notification order.rejected':
      case 'notification order.cancelled': {
        const context = { notificationId: id('note'), at, channel: 'store' as const };
        return this.commit(notifyCustomer(s.notifications.get(orderId), event as never, context), (n) =>
          s.notifications.set(orderId, n),
        );
      }
      case 'view order.created':
        if (!s.view.has(orderId)) s.view.set(orderId, { orderId, status: 'PENDING', totalCents: (event.data as { totalCents: number }).totalCents });
        return 'done';
      case 'view order.confirmed':
      case 'view order.rejected':
      case 'view order.cancelled': {
        const status = event.type === 'order.confirmed' ? 'CONFIRMED' : event.type === 'order.rejected' ? 'REJECTED' : 'CANCELLED';
        const reason = 'reason' in event.data ? String(event.data.reason) : undefined;
        const row = s.view.get(orderId);
        if (row?.status === 'PENDING' || !row) s.view.set(orderId, { ...row, orderId, status, ...(reason ? { reason } : {}) });
        return 'done';
      }
      default:
        if (to === 'analytics') {
          return this.commit(applyAnalyticsEvent(s.analyticsOrders.get(orderId), s.analyticsSummary, event as never), (a) => {
            s.analyticsOrders.set(orderId, a.order);
            s.analyticsSummary = a.summary;
          });
        }
        if (to === 'order') return this.commit(applyOrderEvent(this.order(orderId), event as never, at), (o) => s.orders.set(orderId, o));
        throw new Error(`no handler for ${event.type} at ${to}`);
    }
  }

  private order(orderId: string): Order {
    const order = this.stores.orders.get(orderId);
    if (!order) throw new Error(`unknown order ${orderId}`);
    return order;
  }

  private clock(): string {
    return new Date(Date.UTC(2026, 0, 1, 0, 0, 0, this.nextId)).toISOString();
  }
}
