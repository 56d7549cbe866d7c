import { applyAnalyticsEvent, emptySummary } from '../analytics/analytics';
import type { Decision, RetryLater } from '../decision';
import type { SagaEvent } from '../events';
import type { StockLevel } from '../inventory/stock';
import type { InventoryChange } from '../inventory/reservation';
import type { Payment } from '../payment/payment';
import type { Shipment } from '../shipping/shipment';
import { isAnalyticsEvent, isOrderInbound, isTerminalEvent, projectOrderView } from './routing';
import { releaseStock } from '../inventory/release-stock';
import { reserveStock } from '../inventory/reserve-stock';
import { notifyCustomer } from '../notification/notify-customer';
import { applyOrderEvent } from '../order/apply-order-event';
import { CancelConflict, cancelOrder, expireOrder } from '../order/cancel-order';
import type { Order } from '../order/order';
import type { OrderRequest } from '../order/order-request';
import { placeOrder } from '../order/place-order';
import { chargePayment } from '../payment/charge-payment';
import { refundPayment } from '../payment/refund-payment';
import { cancelShipment } from '../shipping/cancel-shipment';
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

  /** An order-service command's outcome: saved and fanned out like a handler's (a conflict changes nothing). */
  private commitOrder(decision: Decision<Order> | CancelConflict): void {
    if (decision.kind === 'changed') this.commit(decision, (order) => this.stores.orders.set(order.orderId, order));
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
    const stock = Object.fromEntries(s.stock);
    const saveInventory = (change: InventoryChange) => {
      s.reservations.set(orderId, change.reservation);
      for (const level of change.stock) s.stock.set(level.sku, level);
    };
    const savePayment = (payment: Payment) => s.payments.set(orderId, payment);
    const saveShipment = (shipment: Shipment) => s.shipments.set(orderId, shipment);
    switch (to) {
      case 'order':
        if (!isOrderInbound(event)) break;
        return this.commit(applyOrderEvent(this.order(orderId), event, at), (order) => s.orders.set(orderId, order));
      case 'inventory':
        if (event.type === 'order.created') return this.commit(reserveStock(s.reservations.get(orderId), stock, event), saveInventory);
        if (event.type === 'payment.declined' || event.type === 'payment.refunded') {
          return this.commit(releaseStock(s.reservations.get(orderId), stock, event), saveInventory);
        }
        break;
      case 'payment':
        if (event.type === 'stock.reserved') {
          return this.commit(chargePayment(s.payments.get(orderId), event, { paymentId: this.id('pay'), at }), savePayment);
        }
        if (event.type === 'shipment.failed' || event.type === 'shipment.cancelled') {
          return this.commit(refundPayment(s.payments.get(orderId), event, at), savePayment);
        }
        break;
      case 'shipping':
        if (event.type === 'payment.captured') {
          return this.commit(scheduleShipment(s.shipments.get(orderId), event, this.id('ship')), saveShipment);
        }
        if (event.type === 'order.cancellation-requested') return this.commit(cancelShipment(s.shipments.get(orderId), event), saveShipment);
        break;
      case 'notification': {
        if (!isTerminalEvent(event)) break;
        const context = { notificationId: this.id('note'), at, channel: 'store' as const };
        return this.commit(notifyCustomer(s.notifications.get(orderId), event, context), (n) => s.notifications.set(orderId, n));
      }
      case 'analytics':
        if (!isAnalyticsEvent(event)) break;
        return this.commit(applyAnalyticsEvent(s.analyticsOrders.get(orderId), s.analyticsSummary, event), (state) => {
          s.analyticsOrders.set(orderId, state.order);
          s.analyticsSummary = state.summary;
        });
      case 'view':
        projectOrderView(s.view, event);
        return 'done';
    }
    throw new Error(`no handler for ${event.type} at ${to}`);
  }

  /** UUID-shaped, so emitted events validate against the schemas (notificationId must be a UUID). */
  private id(kind: 'pay' | 'ship' | 'note'): string {
    const prefix = { pay: '0000000a', ship: '0000000b', note: '0000000c' }[kind];
    return `${prefix}-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`;
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
