import { Decision, changed, unchanged } from '../decision';
import type { SagaEvent } from '../events';
import { Payment, newPayment } from './payment';

/** `order.created` → remember what to charge. Nothing is charged until the stock is reserved. */
export function rememberOrderForPayment(
  payment: Payment | undefined,
  created: SagaEvent<'order.created'>,
): Decision<Payment> {
  const { orderId, paymentToken, totalCents } = created.data;
  if (payment?.charge) return unchanged(`payment for ${orderId} already knows the order`);
  // A record without charge details was opened by the undo relay: keep it closed, just remember the order.
  return changed({ ...(payment ?? newPayment(orderId)), charge: { paymentToken, totalCents } });
}
