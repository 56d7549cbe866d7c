import { Decision, RetryLater, changed, retryLater, unchanged } from '../decision';
import { SagaEvent, event } from '../events';
import type { Payment } from './payment';
import { providerAnswer } from './payment-rules';

export interface ChargeContext {
  /** A fresh id for the capture, chosen by the caller. */
  paymentId: string;
  at: string;
}

/**
 * `stock.reserved` → charge the order total, at most once. Before `order.created` has been seen there is
 * nothing to charge yet: retry later. After the undo relay passed, the charge is refused for good.
 */
export function chargePayment(
  payment: Payment | undefined,
  reserved: SagaEvent<'stock.reserved'>,
  context: ChargeContext,
): Decision<Payment> | RetryLater {
  const { orderId } = reserved.data;
  if (payment?.compensated) return unchanged(`payment for ${orderId} was already compensated: no capture`);
  if (!payment?.charge) return retryLater(`order.created for ${orderId} not seen yet`);
  if (payment.status !== 'PENDING') return unchanged(`payment for ${orderId} is already ${payment.status}`);

  const { paymentToken, totalCents } = payment.charge;
  const answer = providerAnswer(paymentToken, totalCents);
  switch (answer.kind) {
    case 'no-answer':
      return changed({ ...payment, status: 'AWAITING_PROVIDER' });
    case 'declined':
      return changed({ ...payment, status: 'DECLINED' }, [
        event('payment.declined', { orderId, amountCents: totalCents, reason: answer.reason }),
      ]);
    case 'captured': {
      const { paymentId, at } = context;
      const operation = { kind: 'capture' as const, amountCents: totalCents, at, paymentId };
      const next: Payment = {
        ...payment,
        status: 'CAPTURED',
        paymentId,
        capturedCents: totalCents,
        operations: [...payment.operations, operation],
      };
      return changed(next, [event('payment.captured', { orderId, paymentId, amountCents: totalCents })]);
    }
  }
}
