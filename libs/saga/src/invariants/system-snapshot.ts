import type { Outcome } from '../events';
import type { OrderStatus } from '../order/order';

/**
 * What every service reports once the system is quiet: the input of `checkInvariants`. Shapes follow the
 * HTTP views of the apps' APIs (docs/product.md#http-api), so the testing lib can fill them from the running apps.
 */
export interface SystemSnapshot {
  orders: SnapshotOrder[];
  /** Every SKU touched, with its level before the run (after any `PUT /stock`). */
  stock: SnapshotStock[];
  payments: SnapshotPayment[];
  shipments: { orderId: string; status: string }[];
  notifications: { orderId: string; outcome?: Outcome }[];
  orderView: { orderId: string; status: OrderStatus; reason?: string; totalCents?: number }[];
  analytics: { outcomes: Record<Outcome, number>; revenueCents: number };
}

export interface SnapshotOrder {
  orderId: string;
  status: OrderStatus;
  reason?: string;
  totalCents: number;
  items: { sku: string; quantity: number }[];
  deadline: string;
}

export interface SnapshotStock {
  sku: string;
  initial: number;
  available: number;
  reserved: number;
}

export interface SnapshotPayment {
  orderId: string;
  captured: number;
  refunded: number;
  operations: { kind: 'capture' | 'refund'; amountCents: number }[];
}

/** One broken rule. `invariant` is its number in docs/product.md#invariants. */
export interface InvariantViolation {
  invariant: 1 | 2 | 3 | 4 | 5 | 6;
  orderId?: string;
  sku?: string;
  message: string;
}
