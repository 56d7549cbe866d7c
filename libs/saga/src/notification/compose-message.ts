import type { SagaEvent } from '../events';

export type TerminalEvent = SagaEvent<'order.confirmed' | 'order.rejected' | 'order.cancelled'>;

const cancelExplanations = {
  payment_declined: 'your payment was declined',
  shipping_failed: 'we cannot ship to the address given',
  customer_cancelled: 'you asked us to cancel it',
  timed_out: 'it could not be completed in time',
} as const;

const rejectExplanations = {
  insufficient_stock: 'some items are out of stock',
  unknown_sku: 'some items are not sold here',
} as const;

function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Subject and body of the message for an order's final outcome. */
export function composeMessage(terminal: TerminalEvent): { subject: string; text: string } {
  const { orderId } = terminal.data;
  switch (terminal.type) {
    case 'order.confirmed':
      return {
        subject: `Order ${orderId} confirmed`,
        text: `Your order ${orderId} is confirmed and on its way. You were charged ${formatCents(terminal.data.totalCents)}.`,
      };
    case 'order.rejected':
      return {
        subject: `Order ${orderId} could not be placed`,
        text: `We could not accept order ${orderId}: ${rejectExplanations[terminal.data.reason]}. You were not charged.`,
      };
    case 'order.cancelled':
      return {
        subject: `Order ${orderId} cancelled`,
        text: `Order ${orderId} was cancelled because ${cancelExplanations[terminal.data.reason]}. Nothing is owed: any charge was refunded.`,
      };
  }
}
