import { Decision, RetryLater, changed, retryLater, unchanged } from '../decision';
import { SagaEvent, event } from '../events';
import { Payment, newPayment } from './payment';
import { providerAnswer } from './payment-rules';

export interface ChargeContext {
  /** A fresh id for the capture, chosen by the caller. */
  paymentId: string;
  at: string;
}

/**
 * `stock.reserved` → charge the order total, at most once, and pass the shipping address on in `payment.captured`.
 * What to charge travels in the event (`charge`, relayed by inventory from `order.created`). An event without it
 * comes from an inventory-service of the previous release, still in flight during an upgrade: the charge that
 * release remembered in the record (`payment.charge`) is used instead, and when there is none either the event is
 * retried later (and dead-lettered with that reason once its retries run out). After the undo relay passed, the
 * charge is refused for good.
 */
export function chargePayment(
  payment: Payment | undefined,
  reserved: SagaEvent<'stock.reserved'>,
  context: ChargeContext,
): Decision<Payment> | RetryLater {
  const { orderId, shippingAddress } = reserved.data;
  if (payment?.compensated) return unchanged(`payment for ${orderId} was already compensated: no capture`);
  if (payment && payment.status !== 'PENDING') return unchanged(`payment for ${orderId} is already ${payment.status}`);
  const charge = reserved.data.charge ?? payment?.charge;
  if (!charge) {
    return retryLater(
      `stock.reserved for ${orderId} carries no charge and none was remembered (sent by an inventory-service older than this release?)`,
    );
  }

  const current = payment ?? newPayment(orderId);
  const { paymentToken, totalCents } = charge;
  const answer = providerAnswer(paymentToken, totalCents);
  switch (answer.kind) {
    case 'no-answer':
      return changed({ ...current, status: 'AWAITING_PROVIDER' });
    case 'declined':
      return changed({ ...current, status: 'DECLINED' }, [
        event('payment.declined', { orderId, amountCents: totalCents, reason: answer.reason }),
      ]);
    case 'captured': {
      const { paymentId, at } = context;
      const operation = { kind: 'capture' as const, amountCents: totalCents, at, paymentId };
      const next: Payment = {
        ...current,
        status: 'CAPTURED',
        paymentId,
        capturedCents: totalCents,
        operations: [...current.operations, operation],
      };
      return changed(next, [
        event('payment.captured', {
          orderId,
          paymentId,
          amountCents: totalCents,
          ...(shippingAddress ? { shippingAddress: { ...shippingAddress } } : {}),
        }),
      ]);
    }
  }
}
