/**
 * Payment's per-order record.
 * - PENDING: order known, waiting for `stock.reserved`.
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
  /** From `order.created`; absent when the undo relay reached payment before the order did. */
  charge?: { paymentToken: string; totalCents: number };
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
