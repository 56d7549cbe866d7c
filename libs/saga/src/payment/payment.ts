import type { OrderCharge } from '../events';

/**
 * Payment's per-order record, created by `stock.reserved` (what to charge travels in it), or by the undo relay when
 * it passes first.
 * - PENDING: nothing charged yet, waiting for `stock.reserved` (a record a previous release opened on `order.created`;
 *   this release decides on the first `stock.reserved`, so its records leave PENDING at once).
 * - AWAITING_PROVIDER: charge sent, the provider never answered (`tok_hang`); only the deadline ends this.
 * - CAPTURED / DECLINED: the provider's answer.
 * - REFUNDED: the undo relay passed after a capture; CANCELLED: it passed with nothing captured.
 * Once `compensated`, no capture is ever made again.
 */
export type PaymentStatus = 'PENDING' | 'AWAITING_PROVIDER' | 'CAPTURED' | 'DECLINED' | 'REFUNDED' | 'CANCELLED';

export interface PaymentOperation {
  kind: 'capture' | 'refund';
  amountCents: number;
  at: string;
  paymentId: string;
}

export interface Payment {
  orderId: string;
  /**
   * What a previous release remembered from `order.created`, when payment still consumed it. Read only as the fallback
   * for a `stock.reserved` that carries no charge (sent by an inventory-service of that release); this release takes
   * the charge from the event and does not keep it here.
   */
  charge?: OrderCharge;
  status: PaymentStatus;
  paymentId?: string;
  capturedCents: number;
  refundedCents: number;
  compensated: boolean;
  operations: PaymentOperation[];
}

/** `GET /payments/:orderId`. */
export interface PaymentView {
  orderId: string;
  captured: number;
  refunded: number;
  status: PaymentStatus;
  operations: PaymentOperation[];
}

export function paymentView(payment: Payment): PaymentView {
  return {
    orderId: payment.orderId,
    captured: payment.capturedCents,
    refunded: payment.refundedCents,
    status: payment.status,
    operations: payment.operations.map((operation) => ({ ...operation })),
  };
}

export function newPayment(orderId: string): Payment {
  return { orderId, status: 'PENDING', capturedCents: 0, refundedCents: 0, compensated: false, operations: [] };
}
