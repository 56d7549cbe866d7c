import { Decision, changed, unchanged } from '../decision';
import { RefundReason, SagaEvent, event } from '../events';
import { Payment, newPayment } from './payment';

export type RefundTrigger = SagaEvent<'shipment.failed' | 'shipment.cancelled'>;

/**
 * The payment hop of the undo relay: refund exactly what was captured (0 when nothing was) and pass the
 * relay on with `payment.refunded`, once. A `shipment.failed` and a `shipment.cancelled` for the same
 * order produce a single refund; whichever comes second changes nothing.
 */
export function refundPayment(payment: Payment | undefined, trigger: RefundTrigger, at: string): Decision<Payment> {
  const { orderId } = trigger.data;
  const reason: RefundReason = trigger.type === 'shipment.failed' ? 'shipping_failed' : trigger.data.reason;
  const current = payment ?? newPayment(orderId);
  if (current.compensated) return unchanged(`payment for ${orderId} was already compensated`);

  const amountCents = current.capturedCents - current.refundedCents;
  const paymentId = current.paymentId;
  const refunded = amountCents > 0 && paymentId !== undefined;
  const next: Payment = {
    ...current,
    compensated: true,
    // A declined payment stays DECLINED: that is what happened with the money.
    status: refunded ? 'REFUNDED' : current.status === 'DECLINED' ? 'DECLINED' : 'CANCELLED',
    refundedCents: current.refundedCents + (refunded ? amountCents : 0),
    operations: refunded ? [...current.operations, { kind: 'refund', amountCents, at, paymentId }] : current.operations,
  };
  return changed(next, [
    event('payment.refunded', { orderId, amountCents: refunded ? amountCents : 0, reason, ...(paymentId ? { paymentId } : {}) }),
  ]);
}
