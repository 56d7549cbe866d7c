import { orderBody, type OrderBody } from '@troupe/order-testing';
import { shuffled } from './random';

/** The order kinds a run mixes, each asking for one outcome of the business rules (docs/product.md#business-rules). */
export type OrderKind = 'happy' | 'stock-rejected' | 'declined' | 'over-limit' | 'shipping-failed' | 'customer-cancelled' | 'hang';

/** What the input asks for: `CONFIRMED`, or a status with its reason. */
export interface Outcome {
  status: 'CONFIRMED' | 'REJECTED' | 'CANCELLED';
  reason?: string;
}

export interface PlannedOrder {
  index: number;
  kind: OrderKind;
  body: OrderBody;
  /** POST /orders/:id/cancel right after the order is accepted. */
  cancel: boolean;
  /** What the order should end as; a cancel answered 409 replaces it with the state the 409 reported. */
  asked: Outcome;
}

/** SKUs set to 2 units before the run: asking 5 of one is always rejected, whatever else is in flight. */
export const scarceSkus = ['SKU-095', 'SKU-096', 'SKU-097'] as const;
export const scarceLevel = 2;

/** Ten orders in every block: four happy, one of each other kind, shuffled per block so even 10 orders cover the mix. */
const block: readonly OrderKind[] = ['happy', 'happy', 'happy', 'happy', 'stock-rejected', 'declined', 'over-limit', 'shipping-failed', 'customer-cancelled', 'hang'];

export const askedOutcome: Record<OrderKind, Outcome> = {
  happy: { status: 'CONFIRMED' },
  'stock-rejected': { status: 'REJECTED', reason: 'insufficient_stock' },
  declined: { status: 'CANCELLED', reason: 'payment_declined' },
  'over-limit': { status: 'CANCELLED', reason: 'payment_declined' },
  'shipping-failed': { status: 'CANCELLED', reason: 'shipping_failed' },
  'customer-cancelled': { status: 'CANCELLED', reason: 'customer_cancelled' },
  hang: { status: 'CANCELLED', reason: 'timed_out' },
};

export const outcomeKey = (outcome: Outcome): string => (outcome.reason ? `${outcome.status}/${outcome.reason}` : outcome.status);

/**
 * `count` orders over every kind, on SKU-050…SKU-069 (1,000 each: the run never sells out, so a happy order can only
 * fail through a fault) with 1–3 lines of 1–4 units; customers `chaos-<run>-<index>` so a run's orders are findable.
 */
export function planOrders(count: number, random: () => number, runId: string): PlannedOrder[] {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const sku = () => `SKU-0${50 + Math.floor(random() * 20)}`;
  const kinds: OrderKind[] = [];
  while (kinds.length < count) kinds.push(...shuffled(block, random));
  return kinds.slice(0, count).map((kind, index) => {
    const lines = 1 + Math.floor(random() * 3);
    const items = [...new Set(Array.from({ length: lines }, sku))].map((code) => ({
      sku: code,
      quantity: 1 + Math.floor(random() * 4),
      unitPrice: pick([0.99, 5, 12.5, 19.99, 120]),
    }));
    const base = { customerId: `chaos-${runId}-${index}`, items };
    const planned = (body: OrderBody, cancel = false): PlannedOrder => ({ index, kind, body, cancel, asked: askedOutcome[kind] });
    switch (kind) {
      case 'stock-rejected':
        return planned(orderBody({ ...base, items: [...items, { sku: pick(scarceSkus), quantity: scarceLevel + 3, unitPrice: 1 }] }));
      case 'declined':
        return planned(orderBody({ ...base, paymentToken: 'tok_declined' }));
      case 'over-limit':
        return planned(orderBody({ ...base, items: [{ sku: sku(), quantity: 2, unitPrice: 2500.5 }] }));
      case 'shipping-failed':
        return planned(orderBody(random() < 0.5 ? { ...base, shippingAddress: { country: pick(['AQ', 'KP']) } } : { ...base, shippingAddress: { postalCode: '00000' } }));
      case 'customer-cancelled':
        return planned(orderBody(base), true);
      case 'hang':
        return planned(orderBody({ ...base, paymentToken: 'tok_hang' }));
      default:
        return planned(orderBody(base));
    }
  });
}
